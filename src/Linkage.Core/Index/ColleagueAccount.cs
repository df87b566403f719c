namespace Linkage.Core.Index;

/// <summary>An account and how many distinct contacts of one email host (or registrable domain) it holds.</summary>
public readonly record struct ColleagueAccount(string AccountId, int Contacts);
