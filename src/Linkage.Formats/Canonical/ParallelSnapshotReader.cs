using System.Text.Json;
using System.Text.Json.Serialization;
using Linkage.Core.Model;

namespace Linkage.Formats.Canonical;

/// <summary>
/// Reads a well-formed canonical snapshot on all cores. One thread walks the document with the JSON reader
/// (no allocation), finding where each record starts and ends; every few thousand records it hands the
/// chunk to the thread pool, which decodes them with the same converters the serializer uses while the walk
/// goes on. Chunks are joined in document order. Anything unusual — a null record, a section given twice or
/// not as a list, a record that does not decode, a file too large for one buffer — returns null, and the
/// caller reads the file the ordinary way, which reports the problem with its place.
/// </summary>
internal static class ParallelSnapshotReader
{
    // One array holds the file; past this the streaming serializer reads it in constant memory.
    private const long MaxBytes = 1L << 30;
    private const int ChunkRecords = 8192;

    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The snapshot, or null when the file should be read by the streaming serializer instead.</summary>
    public static CrmSnapshot? TryRead(string path)
    {
        long length = InputFiles.LengthOf(path);
        if (length is 0 or > MaxBytes || Environment.ProcessorCount < 2)
        {
            return null;
        }

        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or OutOfMemoryException)
        {
            return null;
        }

        var sections = new Sections();
        try
        {
            return Read(data, sections);
        }
        catch (Exception ex) when (ex is JsonException or AggregateException or InvalidOperationException or FormatException or ArgumentException or OverflowException)
        {
            sections.Abandon();
            return null;
        }
    }

    private static CrmSnapshot? Read(byte[] data, Sections sections)
    {
        var reader = new Utf8JsonReader(data, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ISection? section = sections.Named(ref reader);
            reader.Read();
            if (section is null)
            {
                reader.Skip();
                continue;
            }

            if (section.Seen)
            {
                return null;
            }

            section.Seen = true;
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return null;
            }

            var bounds = new List<(int Start, int Length)>(ChunkRecords);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return null;
                }

                int start = checked((int)reader.TokenStartIndex);
                reader.Skip();
                bounds.Add((start, checked((int)reader.BytesConsumed) - start));
                if (bounds.Count == ChunkRecords)
                {
                    section.Decode(data, bounds);
                    bounds = new List<(int Start, int Length)>(ChunkRecords);
                }
            }

            if (bounds.Count > 0)
            {
                section.Decode(data, bounds);
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return null;
        }

        return new CrmSnapshot
        {
            Users = sections.Users.Join(), Accounts = sections.Accounts.Join(), Contacts = sections.Contacts.Join(),
            Leads = sections.Leads.Join(), Deals = sections.Deals.Join(), DealContacts = sections.DealContacts.Join(),
        };
    }

    private interface ISection
    {
        bool Seen { get; set; }

        void Decode(byte[] data, List<(int Start, int Length)> bounds);

        void Settle();
    }

    private sealed class Sections
    {
        private static readonly JsonSerializerOptions Options = CanonicalJsonContext.Default.Options;

        public Section<CrmUser> Users { get; } = new(Options);
        public Section<Account> Accounts { get; } = new(Options);
        public Section<Contact> Contacts { get; } = new(Options);
        public Section<Lead> Leads { get; } = new(Options);
        public Section<Deal> Deals { get; } = new(Options);
        public Section<DealContact> DealContacts { get; } = new(Options);

        /// <summary>The section a top-level property names, matched as the serializer does (exact, unescaped).</summary>
        public ISection? Named(ref Utf8JsonReader reader) =>
            reader.ValueTextEquals("users"u8) ? Users
            : reader.ValueTextEquals("accounts"u8) ? Accounts
            : reader.ValueTextEquals("contacts"u8) ? Contacts
            : reader.ValueTextEquals("leads"u8) ? Leads
            : reader.ValueTextEquals("deals"u8) ? Deals
            : reader.ValueTextEquals("dealContacts"u8) ? DealContacts
            : null;

        /// <summary>Waits for chunks already handed out, so none still reads the buffer once the caller moves on.</summary>
        public void Abandon()
        {
            foreach (ISection s in new ISection[] { Users, Accounts, Contacts, Leads, Deals, DealContacts })
            {
                s.Settle();
            }
        }
    }

    private sealed class Section<T>(JsonSerializerOptions options) : ISection
        where T : class
    {
        private readonly JsonConverter<T> _converter = (JsonConverter<T>)options.GetConverter(typeof(T));
        private readonly List<Task<T[]>> _chunks = [];

        public bool Seen { get; set; }

        public void Decode(byte[] data, List<(int Start, int Length)> bounds) =>
            _chunks.Add(Task.Run(() => DecodeChunk(data, bounds)));

        /// <summary>All records of the section in document order; rethrows a chunk's failure.</summary>
        public List<T> Join()
        {
            var records = new List<T>(_chunks.Sum(c => c.Result.Length));
            foreach (Task<T[]> chunk in _chunks)
            {
                records.AddRange(chunk.Result);
            }

            return records;
        }

        public void Settle()
        {
            foreach (Task<T[]> chunk in _chunks)
            {
                try
                {
                    chunk.Wait();
                }
                catch (AggregateException)
                {
                    // The failure is reported by the ordinary reading that follows.
                }
            }
        }

        private T[] DecodeChunk(byte[] data, List<(int Start, int Length)> bounds)
        {
            var items = new T[bounds.Count];
            for (int i = 0; i < items.Length; i++)
            {
                (int start, int length) = bounds[i];
                var reader = new Utf8JsonReader(data.AsSpan(start, length), ReaderOptions);
                reader.Read();
                T? record = _converter.Read(ref reader, typeof(T), options);
                if (record is null || reader.TokenType != JsonTokenType.EndObject || reader.BytesConsumed != length)
                {
                    throw new JsonException("record not decoded whole");
                }

                items[i] = record;
            }

            return items;
        }
    }
}
