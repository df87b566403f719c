using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Linkage.Core.Index;

/// <summary>
/// Asks the processor to start loading an object the engine will read a little later, so that its cache miss
/// overlaps the work in between instead of stalling it. Only a hint: it never faults, it does nothing where
/// the processor has no such instruction, and no result depends on it.
/// </summary>
internal static class CacheHint
{
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
}
