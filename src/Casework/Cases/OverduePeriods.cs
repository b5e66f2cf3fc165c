using Justice.Casework.Records;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.State;

namespace Justice.Casework.Cases;

/// <summary>A task marked overdue ends the running period that counted its deadline: the period expires.</summary>
public sealed class OverduePeriods : IOverdueEffects
{
    public IBurstEffect ForOverdue(TimerRecord timer) => new Expiry(timer.BookmarkId);

    sealed class Expiry(string bookmarkId) : IBurstEffect
    {
        static readonly IReadOnlyDictionary<string, string> NoNumbers = new Dictionary<string, string>();

        public ValueTask<IReadOnlyDictionary<string, string>> DrawNumbersAsync(BurstTransaction transaction, CancellationToken cancellationToken) => new(NoNumbers);

        public void ResolveTokens(IReadOnlyDictionary<string, string> numbers)
        {
        }

        public async ValueTask WriteAsync(BurstTransaction transaction, CancellationToken cancellationToken)
        {
            await using var command = transaction.Connection.CreateCommand();
            command.Transaction = transaction.Transaction;
            command.CommandText = """UPDATE "CasePeriods" SET "Status" = @expired WHERE "BookmarkId" = @bookmark AND "Status" = @running""";
            Add(command, "@expired", PeriodStatus.Expired);
            Add(command, "@bookmark", bookmarkId);
            Add(command, "@running", PeriodStatus.Running);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        static void Add(System.Data.Common.DbCommand command, string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }
}
