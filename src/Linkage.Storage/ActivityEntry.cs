using Linkage.Core.Model;

namespace Linkage.Storage;

/// <summary>An activity as imported, with its stored association: what search results and coverage read.</summary>
public sealed record ActivityEntry(Activity Activity, StoredAssociation Association);
