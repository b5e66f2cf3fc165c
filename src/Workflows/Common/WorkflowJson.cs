using System.Text.Json;

namespace Justice.Workflows.Common;

/// <summary>The JSON settings every part of the engine writes with, so that the same value always has the same text.</summary>
public static class WorkflowJson
{
    /// <summary>Indented, with Chinese and other non-ASCII text written as is (definitions on disk and in exports).</summary>
    public static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>On one line, with non-ASCII text written as is (state, journal data, payloads).</summary>
    public static readonly JsonSerializerOptions Compact = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
