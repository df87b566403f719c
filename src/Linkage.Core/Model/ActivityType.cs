namespace Linkage.Core.Model;

/// <summary>The kind of sales conversation an activity records.</summary>
public enum ActivityType
{
    Call,
    Email,
    Meeting,
    /// <summary>A sales-sequence step.</summary>
    Engagement,
}
