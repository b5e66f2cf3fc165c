CREATE TABLE "Bookmarks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Bookmarks" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "ActivityId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Hash" TEXT NOT NULL,
    "PayloadJson" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "HasTimer" INTEGER NOT NULL,
    "HasTask" INTEGER NOT NULL
);
CREATE TABLE "CaseDocuments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CaseDocuments" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "InstanceId" TEXT NULL,
    "Template" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Number" TEXT NULL,
    "Html" TEXT NOT NULL,
    "IssuedAt" INTEGER NOT NULL,
    "IssuedBy" TEXT NULL,
    "SupersedesId" TEXT NULL,
    "Sha256" TEXT NOT NULL
);
CREATE TABLE "CaseEntries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CaseEntries" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    "Actor" TEXT NULL,
    "Kind" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "DataJson" TEXT NOT NULL
);
CREATE TABLE "CaseMembers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CaseMembers" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "UserEmail" TEXT NOT NULL,
    "DisplayName" TEXT NULL,
    "Relation" TEXT NOT NULL,
    "Active" INTEGER NOT NULL,
    "Since" INTEGER NOT NULL,
    "Until" INTEGER NULL,
    "Note" TEXT NULL
);
CREATE TABLE "CaseParties" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CaseParties" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "Side" TEXT NOT NULL,
    "PartyKind" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Gender" TEXT NULL,
    "BirthDate" TEXT NULL,
    "IdNumber" TEXT NULL,
    "CreditCode" TEXT NULL,
    "Representative" TEXT NULL,
    "Address" TEXT NULL,
    "Phone" TEXT NULL,
    "UserEmail" TEXT NULL,
    "AgentName" TEXT NULL,
    "AgentEmail" TEXT NULL,
    "Ordinal" INTEGER NOT NULL
);
CREATE TABLE "CasePeriods" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CasePeriods" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "InstanceId" TEXT NULL,
    "Code" TEXT NOT NULL,
    "Label" TEXT NOT NULL,
    "Unit" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    "StartOn" TEXT NOT NULL,
    "DueOn" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "PausedOn" TEXT NULL,
    "RemainingWhenPaused" INTEGER NULL,
    "PauseReason" TEXT NULL,
    "BookmarkId" TEXT NULL,
    "UpdatedAt" INTEGER NOT NULL
, "LeftWhenResumed" INTEGER NULL, "ResumedOn" TEXT NULL);
CREATE TABLE "Cases" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Cases" PRIMARY KEY,
    "Kind" TEXT NOT NULL,
    "Number" TEXT NULL,
    "Title" TEXT NOT NULL,
    "Stage" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Outcome" TEXT NULL,
    "Procedure" TEXT NULL,
    "AmountInDispute" TEXT NULL,
    "FiledOn" TEXT NULL,
    "AcceptedOn" TEXT NULL,
    "ClosedOn" TEXT NULL,
    "RuleSetId" TEXT NULL,
    "RuleSetJson" TEXT NULL,
    "FieldsJson" TEXT NOT NULL,
    "InstanceId" TEXT NULL,
    "IsDemo" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "Revision" INTEGER NOT NULL
, "ParentKind" AS (CASE WHEN json_valid("FieldsJson") THEN json_extract("FieldsJson", '$.parentKind') END));
CREATE TABLE "CreditRecords" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CreditRecords" PRIMARY KEY,
    "SubjectId" TEXT NOT NULL,
    "SubjectName" TEXT NOT NULL,
    "Act" TEXT NOT NULL,
    "Evidence" TEXT NULL,
    "RecordedOn" TEXT NOT NULL,
    "ValidUntil" TEXT NOT NULL,
    "RepairedOn" TEXT NULL,
    "RepairNote" TEXT NULL,
    "DecidedBy" TEXT NULL,
    "CaseId" TEXT NULL,
    "PushedAt" INTEGER NULL,
    "IsDemo" INTEGER NOT NULL
);
CREATE TABLE "DocumentServices" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_DocumentServices" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "DocumentId" TEXT NOT NULL,
    "PartyId" TEXT NULL,
    "Recipient" TEXT NOT NULL,
    "Method" TEXT NOT NULL,
    "ServedOn" TEXT NOT NULL,
    "ReceivedOn" TEXT NULL,
    "RecordedBy" TEXT NULL
);
CREATE TABLE "HumanTasks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_HumanTasks" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "DefinitionId" TEXT NOT NULL,
    "ActivityId" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Instructions" TEXT NULL,
    "Role" TEXT NULL,
    "Assignee" TEXT NULL,
    "CaseId" TEXT NULL,
    "OutcomesJson" TEXT NOT NULL,
    "DueAt" INTEGER NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "CompletedBy" TEXT NULL,
    "CompletedAt" INTEGER NULL,
    "Outcome" TEXT NULL,
    "Comment" TEXT NULL,
    "DataJson" TEXT NULL
, "CaseRelation" TEXT NULL, "ExcludedRelationsJson" TEXT NULL, "FormJson" TEXT NULL, "IsOverdue" INTEGER NOT NULL DEFAULT 0, "PeriodId" TEXT NULL, "PeriodUnit" TEXT NULL);
CREATE TABLE "Incidents" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Incidents" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "ActivityId" TEXT NOT NULL,
    "ActivityType" TEXT NOT NULL,
    "Code" TEXT NULL,
    "Category" TEXT NULL,
    "Message" TEXT NOT NULL,
    "At" INTEGER NOT NULL
);
CREATE TABLE "Journal" (
    "InstanceId" TEXT NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "Timestamp" INTEGER NOT NULL,
    "ActivityId" TEXT NOT NULL,
    "ActivityType" TEXT NOT NULL,
    "Event" TEXT NOT NULL,
    "OutcomesJson" TEXT NOT NULL,
    "DataJson" TEXT NOT NULL,
    CONSTRAINT "PK_Journal" PRIMARY KEY ("InstanceId", "Sequence")
);
CREATE TABLE "Notifications" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Notifications" PRIMARY KEY,
    "Recipient" TEXT NOT NULL,
    "CaseId" TEXT NULL,
    "Title" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ReadAt" INTEGER NULL
);
CREATE TABLE "NumberSeries" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_NumberSeries" PRIMARY KEY,
    "LastValue" INTEGER NOT NULL
);
CREATE TABLE "Outbox" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Outbox" PRIMARY KEY,
    "Channel" TEXT NOT NULL,
    "Recipient" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "SentAt" INTEGER NULL,
    "Attempts" INTEGER NOT NULL
);
CREATE TABLE "Timers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Timers" PRIMARY KEY,
    "BookmarkId" TEXT NOT NULL,
    "InstanceId" TEXT NOT NULL,
    "DueAt" INTEGER NOT NULL,
    "InputJson" TEXT NULL,
    "LeaseOwner" TEXT NULL,
    "LeaseExpiresAt" INTEGER NULL,
    "Attempts" INTEGER NOT NULL
, "Kind" TEXT NOT NULL DEFAULT '');
CREATE TABLE "WorkflowDefinitions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WorkflowDefinitions" PRIMARY KEY,
    "DefinitionId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Name" TEXT NULL,
    "IsLatest" INTEGER NOT NULL,
    "IsPublished" INTEGER NOT NULL,
    "Json" TEXT NOT NULL,
    "ProblemCount" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL
);
CREATE TABLE "WorkflowInstances" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WorkflowInstances" PRIMARY KEY,
    "DefinitionId" TEXT NOT NULL,
    "DefinitionVersionId" TEXT NOT NULL,
    "DefinitionVersion" INTEGER NOT NULL,
    "Name" TEXT NULL,
    "CorrelationId" TEXT NULL,
    "Status" TEXT NOT NULL,
    "SubStatus" TEXT NOT NULL,
    "ParentInstanceId" TEXT NULL,
    "InputJson" TEXT NOT NULL,
    "OutputJson" TEXT NOT NULL,
    "StateJson" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "FinishedAt" INTEGER NULL,
    "Revision" INTEGER NOT NULL
);
CREATE TABLE "__EFMigrationsLock" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY,
    "Timestamp" TEXT NOT NULL
);
CREATE TABLE "__WorkflowMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___WorkflowMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);
CREATE INDEX "IX_Bookmarks_Hash" ON "Bookmarks" ("Hash");
CREATE INDEX "IX_Bookmarks_InstanceId" ON "Bookmarks" ("InstanceId");
CREATE INDEX "IX_CaseDocuments_CaseId" ON "CaseDocuments" ("CaseId");
CREATE INDEX "IX_CaseDocuments_Number" ON "CaseDocuments" ("Number");
CREATE INDEX "IX_CaseEntries_CaseId_At" ON "CaseEntries" ("CaseId", "At");
CREATE INDEX "IX_CaseMembers_CaseId_UserEmail_Relation_Active" ON "CaseMembers" ("CaseId", "UserEmail", "Relation", "Active");
CREATE INDEX "IX_CaseMembers_UserEmail_Active_CaseId" ON "CaseMembers" ("UserEmail", "Active", "CaseId");
CREATE INDEX "IX_CaseParties_AgentEmail_CaseId" ON "CaseParties" ("AgentEmail", "CaseId");
CREATE INDEX "IX_CaseParties_CaseId" ON "CaseParties" ("CaseId");
CREATE INDEX "IX_CaseParties_Name_CaseId" ON "CaseParties" ("Name", "CaseId");
CREATE INDEX "IX_CaseParties_UserEmail_CaseId" ON "CaseParties" ("UserEmail", "CaseId");
CREATE INDEX "IX_CasePeriods_BookmarkId" ON "CasePeriods" ("BookmarkId");
CREATE INDEX "IX_CasePeriods_CaseId_Code" ON "CasePeriods" ("CaseId", "Code");
CREATE INDEX "IX_CasePeriods_Status_DueOn" ON "CasePeriods" ("Status", "DueOn");
CREATE INDEX "IX_Cases_FiledOn_Id_Number_Title" ON "Cases" ("FiledOn", "Id", "Number", "Title");
CREATE INDEX "IX_Cases_InstanceId" ON "Cases" ("InstanceId");
CREATE INDEX "IX_Cases_Kind_FiledOn_Id_Number_Title" ON "Cases" ("Kind", "FiledOn", "Id", "Number", "Title");
CREATE INDEX "IX_Cases_Kind_Number_Id" ON "Cases" ("Kind", "Number", "Id");
CREATE INDEX "IX_Cases_Kind_ParentKind_Id" ON "Cases" ("Kind", "ParentKind", "Id");
CREATE INDEX "IX_Cases_Kind_Stage_FiledOn_Id" ON "Cases" ("Kind", "Stage", "FiledOn", "Id");
CREATE INDEX "IX_Cases_Kind_Status_FiledOn_Id" ON "Cases" ("Kind", "Status", "FiledOn", "Id");
CREATE INDEX "IX_Cases_Kind_UpdatedAt_Id" ON "Cases" ("Kind", "UpdatedAt", "Id");
CREATE UNIQUE INDEX "IX_Cases_Number" ON "Cases" ("Number");
CREATE INDEX "IX_CreditRecords_CaseId" ON "CreditRecords" ("CaseId");
CREATE INDEX "IX_CreditRecords_SubjectId" ON "CreditRecords" ("SubjectId");
CREATE INDEX "IX_DocumentServices_CaseId" ON "DocumentServices" ("CaseId");
CREATE INDEX "IX_DocumentServices_DocumentId" ON "DocumentServices" ("DocumentId");
CREATE INDEX "IX_HumanTasks_Assignee_Status" ON "HumanTasks" ("Assignee", "Status");
CREATE INDEX "IX_HumanTasks_CaseId_Status" ON "HumanTasks" ("CaseId", "Status");
CREATE INDEX "IX_HumanTasks_InstanceId" ON "HumanTasks" ("InstanceId");
CREATE INDEX "IX_HumanTasks_Role_Status_DueAt" ON "HumanTasks" ("Role", "Status", "DueAt");
CREATE INDEX "IX_Incidents_InstanceId" ON "Incidents" ("InstanceId");
CREATE INDEX "IX_Notifications_Recipient_CreatedAt_Id" ON "Notifications" ("Recipient", "CreatedAt", "Id");
CREATE INDEX "IX_Notifications_Recipient_ReadAt" ON "Notifications" ("Recipient", "ReadAt");
CREATE INDEX "IX_Outbox_SentAt" ON "Outbox" ("SentAt");
CREATE INDEX "IX_Timers_BookmarkId" ON "Timers" ("BookmarkId");
CREATE INDEX "IX_Timers_DueAt" ON "Timers" ("DueAt");
CREATE INDEX "IX_WorkflowDefinitions_DefinitionId_IsPublished" ON "WorkflowDefinitions" ("DefinitionId", "IsPublished");
CREATE UNIQUE INDEX "IX_WorkflowDefinitions_DefinitionId_Version" ON "WorkflowDefinitions" ("DefinitionId", "Version");
CREATE INDEX "IX_WorkflowDefinitions_IsLatest" ON "WorkflowDefinitions" ("IsLatest");
CREATE INDEX "IX_WorkflowInstances_CorrelationId" ON "WorkflowInstances" ("CorrelationId");
CREATE INDEX "IX_WorkflowInstances_DefinitionVersionId_Status" ON "WorkflowInstances" ("DefinitionVersionId", "Status");
CREATE INDEX "IX_WorkflowInstances_ParentInstanceId" ON "WorkflowInstances" ("ParentInstanceId");
CREATE INDEX "IX_WorkflowInstances_Status_DefinitionId" ON "WorkflowInstances" ("Status", "DefinitionId");
CREATE INDEX "IX_WorkflowInstances_UpdatedAt" ON "WorkflowInstances" ("UpdatedAt");
INSERT INTO "__WorkflowMigrationsHistory" VALUES ('20261126072802_InitialWorkflowSchema', '10.0.15');
INSERT INTO "__WorkflowMigrationsHistory" VALUES ('20261126074916_Cases', '10.0.15');
INSERT INTO "__WorkflowMigrationsHistory" VALUES ('20261126075405_TasksAndPeriods', '10.0.15');
INSERT INTO "__WorkflowMigrationsHistory" VALUES ('20261126080127_CreditRecords', '10.0.15');
INSERT INTO "__WorkflowMigrationsHistory" VALUES ('20261126091030_InstanceParentIndex', '10.0.15');
INSERT INTO "__WorkflowMigrationsHistory" VALUES ('20261126113746_ListIndexes', '10.0.15');
INSERT INTO "__WorkflowMigrationsHistory" VALUES ('20261204165053_SamplingRecordsForStaffOnly', '10.0.15');
INSERT INTO "__WorkflowMigrationsHistory" VALUES ('20261204171957_PeriodResumptions', '10.0.15');
