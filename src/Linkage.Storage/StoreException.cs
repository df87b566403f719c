namespace Linkage.Storage;

/// <summary>The store cannot do what was asked (unreachable server, unknown activity, …): one clear sentence.</summary>
public sealed class StoreException : Exception
{
    public StoreException()
    {
    }

    public StoreException(string message)
        : base(message)
    {
    }

    public StoreException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
