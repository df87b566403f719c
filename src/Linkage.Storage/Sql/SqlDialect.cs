using System.Data.Common;

namespace Linkage.Storage.Sql;

/// <summary>
/// What differs between the two back ends. Everything else — the schema, the statements, the algorithm —
/// is written once, in the SQL both SQLite and PostgreSQL understand.
/// </summary>
internal abstract class SqlDialect
{
    public abstract string Name { get; }

    /// <summary>A 64-bit auto-numbered primary key column type.</summary>
    public abstract string IdentityPrimaryKey { get; }

    /// <summary>The table option for tables whose rows are their primary key (SQLite's WITHOUT ROWID).</summary>
    public abstract string ClusteredTable { get; }

    /// <summary>SQL that holds when <c>column</c> is in the list passed as <paramref name="parameter"/>.</summary>
    public abstract string InList(string column, string parameter);

    /// <summary>The parameter value for <see cref="InList"/>.</summary>
    public abstract object ListValue(IReadOnlyCollection<string> values);

    /// <summary>Whether parameters are sent by position (<c>$1</c>) rather than by name (<c>@name</c>).</summary>
    public abstract bool PositionalParameters { get; }

    public abstract DbConnection Connect(string connectionString);

    /// <summary>How this back end keeps the index of activities by the keys their associations depend on.</summary>
    public abstract ActivityKeyIndex ActivityKeys { get; }

    /// <summary>Per-connection tuning, run once after opening.</summary>
    public virtual void Configure(Database db)
    {
    }

    /// <summary>
    /// Migration 5: tables with large rows that arrive in no key order become tables kept in arrival order
    /// with a unique index on their key, where the back end stores rows clustered on the key.
    /// </summary>
    public virtual void StoreLargeRowsInArrivalOrder(Database db)
    {
    }

    /// <summary>Serialises migrations between processes opening the same store at once.</summary>
    public virtual void LockForMigration(Database db)
    {
    }
}
