using Linkage.Core.Index;
using Linkage.Core.Model;
using Linkage.Core.Normalisation;

namespace Linkage.Core.Engine;

/// <summary>
/// Associates activities with the records of one indexed CRM snapshot under one set of settings.
/// Thread-safe: one instance serves any number of concurrent <see cref="Associate"/> calls.
/// </summary>
public sealed class Associator
{
    private readonly CrmIndex _index;
    private readonly LinkageSettings _settings;
    private readonly ClassificationRules _rules;
    private readonly IDialerLookup? _dialer;
    private readonly KeyMemo _memo;
    // Idle runs to reuse, a few per core: taking and returning one is an atomic swap, much cheaper than the
    // run's sets and scratch arrays allocated per activity. A call that finds its place empty makes a run.
    private readonly ActivityRun?[] _idleRuns = new ActivityRun?[Environment.ProcessorCount * 4];

    public Associator(CrmIndex index, LinkageSettings settings, ReferenceData reference, IDialerLookup? dialer = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(reference);
        _index = index;
        _settings = settings;
        _rules = new ClassificationRules(settings, reference);
        _dialer = dialer;
        _memo = new KeyMemo(settings.DefaultPhoneRegion, capacity: 1 << 18, emailCapacity: 1 << 12);
    }

    /// <summary>Builds the index and the associator in one step.</summary>
    public static Associator Create(CrmSnapshot snapshot, LinkageSettings? settings = null, ReferenceData? reference = null,
        IDialerLookup? dialer = null, PreparedKeys? prepared = null)
    {
        settings ??= new LinkageSettings();
        reference ??= ReferenceData.Bundled;
        return new Associator(CrmIndex.Build(snapshot, settings, reference, prepared), settings, reference, dialer);
    }

    public CrmIndex Index => _index;

    /// <summary>
    /// A raw email as this engine parses it, from the memo it keeps of the people activities repeat: a
    /// store filing an associated activity under its keys need not parse its participants a second time.
    /// </summary>
    public EmailAddress? NormalisedEmail(string? raw) => _memo.Email(raw);

    /// <summary>A raw phone in E.164 as this engine normalises it (memoised, as <see cref="NormalisedEmail"/>).</summary>
    public string? NormalisedPhone(string? raw, string? region) => _memo.Phone(raw, region);

    /// <summary>A host's registrable domain as this engine finds it (memoised; null for a public suffix).</summary>
    public string? RegistrableDomain(string host) => _memo.RegistrableDomain(host, _rules);

    /// <summary>The association of one activity: a pure function of the activity, the snapshot and the settings.</summary>
    public AssociationResult Associate(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        int place = (Environment.CurrentManagedThreadId & int.MaxValue) % _idleRuns.Length;
        ActivityRun run = Interlocked.Exchange(ref _idleRuns[place], null) ?? new ActivityRun(_index, _settings, _rules, _dialer, _memo);
        AssociationResult result = run.Execute(activity);
        Volatile.Write(ref _idleRuns[place], run);
        return result;
    }
}
