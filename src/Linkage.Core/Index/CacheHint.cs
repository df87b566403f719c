using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Linkage.Core.Index;

/// <summary>
/// Asks the processor to start loading memory the engine will read a little later, so that its cache miss
/// overlaps the work in between instead of stalling it. Only a hint: it never faults, it does nothing where
/// the processor has no such instruction, and no result depends on it. The core's only unsafe code.
/// </summary>
internal static class CacheHint
{
    /// <summary>False where a hint would do nothing: callers then skip the reads that would find its target.</summary>
    public static bool IsAvailable => Sse.IsSupported;

    /// <summary>The object <paramref name="target"/> refers to (its header and first fields).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch(object? target)
    {
        if (Sse.IsSupported)
        {
            // A reference's value is its object's address. Should a collection move the object before the
            // hint is taken, the hint is wasted, nothing else.
            Sse.Prefetch0((void*)Unsafe.As<object?, nint>(ref target));
        }
    }

    /// <summary>The memory at <paramref name="location"/>, such as an element of a large array.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch<T>(ref T location)
    {
        if (Sse.IsSupported)
        {
            // A pointer into a managed array: the array may move before the hint is taken, which costs the
            // hint, not correctness.
            Sse.Prefetch0(Unsafe.AsPointer(ref location));
        }
    }
}
