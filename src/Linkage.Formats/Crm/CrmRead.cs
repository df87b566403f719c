using Linkage.Core.Model;
using Linkage.Formats.Sources;

namespace Linkage.Formats.Crm;

/// <summary>A snapshot read from a CRM export, the format it was read as, and the rows that were skipped.</summary>
public sealed record CrmRead(CrmSnapshot Snapshot, CrmFormat Format, IReadOnlyList<SourceProblem> Problems);
