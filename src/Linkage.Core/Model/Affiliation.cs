namespace Linkage.Core.Model;

/// <summary>What the source system said about a participant's side.</summary>
public enum Affiliation
{
    Unknown,
    Internal,
    External,
}
