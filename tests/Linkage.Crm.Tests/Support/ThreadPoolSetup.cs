using System.Runtime.CompilerServices;

namespace Linkage.Crm.Tests.Support;

/// <summary>
/// The tests block pool threads on look-ups (the engine's seam is synchronous) while the fake server in the
/// same process needs threads to answer: start with enough, as the command line does.
/// </summary>
internal static class ThreadPoolSetup
{
    [ModuleInitializer]
    internal static void Init()
    {
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), io);
    }
}
