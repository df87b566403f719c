using Linkage.Storage;

namespace Linkage.Cluster.Tests.Support;

/// <summary>The single-machine reference: the same workspace imported into a store of its own and associated by <c>Associate</c>.</summary>
internal static class OneMachine
{
    public static Dictionary<string, string?> Associate(WorkspaceData workspace, out long historyRows)
    {
        (string connection, string schema) = PostgresServer.NewPooledSchema();
        try
        {
            using (ILinkageStore store = LinkageStore.Open(connection, create: true))
            {
                workspace.Load(store, activities: true);
                store.Associate(workspace.Name);
            }

            historyRows = StoreFacts.HistoryRows(connection);
            return StoreFacts.Lines(connection, workspace.Name);
        }
        finally
        {
            PostgresServer.DropSchema(schema);
        }
    }
}
