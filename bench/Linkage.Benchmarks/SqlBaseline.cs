using System.Globalization;
using Linkage.Core.Model;
using Linkage.Core.Normalisation;
using Linkage.Formats;
using Linkage.Formats.Canonical;
using Microsoft.Data.Sqlite;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace Linkage.Benchmarks;

/// <summary>
/// The same workload the way open-source CRMs match activities: the snapshot in SQLite with an index per
/// key, and indexed look-ups per participant (contact by email, then phone; account by host, then
/// registrable domain; colleagues grouped by account; lead by email, then phone; deals of the accounts).
/// Normalisation is Linkage's own, so only the matching differs. Usage: sql-baseline WORLD_DIR.
/// </summary>
public static class SqlBaseline
{
    public static int Run(string[] args)
    {
        string dir = args[0];
        string dbPath = Path.Combine(Path.GetTempPath(), $"linkage-sql-baseline-{Environment.ProcessId}.db");
        File.Delete(dbPath);
        var clock = Stopwatch.StartNew();
        CrmSnapshot snapshot = SnapshotReader.ReadFile(Path.Combine(dir, "crm.json"));
        LinkageSettings settings = SettingsReader.ReadFile(Path.Combine(dir, "settings.json"));
        using var db = new SqliteConnection($"Data Source={dbPath}");
        db.Open();
        Execute(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");
        Load(db, snapshot, settings);
        double loadSeconds = clock.Elapsed.TotalSeconds;

        using var contactByEmail = Prepare(db, "SELECT c.id, c.account_id FROM contact_email e JOIN contact c ON c.id = e.contact_id WHERE e.email = $k ORDER BY (c.account_id IS NULL), c.modified_at DESC, c.id LIMIT 1");
        using var contactByPhone = Prepare(db, "SELECT c.id, c.account_id FROM contact_phone p JOIN contact c ON c.id = p.contact_id WHERE p.phone = $k ORDER BY (c.account_id IS NULL), c.modified_at DESC, c.id LIMIT 1");
        using var accountByDomain = Prepare(db, "SELECT a.id FROM account_domain d JOIN account a ON a.id = d.account_id WHERE d.domain = $k ORDER BY a.modified_at DESC, a.id LIMIT 1");
        using var colleagues = Prepare(db, "SELECT c.account_id FROM contact_email e JOIN contact c ON c.id = e.contact_id WHERE e.host = $k AND c.account_id IS NOT NULL GROUP BY c.account_id ORDER BY COUNT(DISTINCT c.id) DESC, c.account_id LIMIT 1");
        using var leadByEmail = Prepare(db, "SELECT lead_id FROM lead_email WHERE email = $k ORDER BY lead_id LIMIT 1");
        using var leadByPhone = Prepare(db, "SELECT lead_id FROM lead_phone WHERE phone = $k ORDER BY lead_id LIMIT 1");
        using var deals = Prepare(db, "SELECT id FROM deal WHERE account_id = $k AND (is_closed = 0 OR close_date >= $d)");
        using var userByEmail = Prepare(db, "SELECT user_id FROM user_key WHERE key = $k LIMIT 1");

        PublicEmailDomains publicDomains = PublicEmailDomains.Bundled.With(settings.PublicEmailDomains);
        clock.Restart();
        long activities = 0, matched = 0;
        using FileStream input = InputFiles.OpenForReading(Path.Combine(dir, "activities.jsonl"));
        using var reader = new JsonLinesReader(input);
        for (List<NumberedLine> batch = reader.ReadBatch(4096); batch.Count > 0; batch = reader.ReadBatch(4096))
        {
            foreach (NumberedLine line in batch)
            {
                if (ActivityLineParser.Parse(line.Utf8.Span).Activity is not { } activity)
                {
                    continue;
                }

                activities++;
                string day = activity.OccurredAt.UtcDateTime.AddDays(-settings.DealWindowDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                foreach (Participant p in activity.Participants)
                {
                    EmailAddress? email = EmailAddress.TryParse(p.Email, out EmailAddress e) ? e : null;
                    string? phone = PhoneNumber.TryNormalise(p.Phone, p.Region, settings.DefaultPhoneRegion, out string e164) ? e164 : null;
                    if ((email is not null && Scalar(userByEmail, email.Address) is not null) || (phone is not null && Scalar(userByEmail, phone) is not null))
                    {
                        continue;
                    }

                    string? account = null;
                    string? contact = email is not null ? Scalar(contactByEmail, email.Address, 1, out account) : null;
                    contact ??= phone is not null ? Scalar(contactByPhone, phone, 1, out account) : null;
                    // Like the engine, no domain rules for free-mail hosts (gmail.com would group a sixth of the CRM).
                    string? registrable = email is null ? null : PublicSuffixList.Bundled.RegistrableDomain(email.Host);
                    bool publicHost = email is not null && (publicDomains.Contains(email.Host) || (registrable is not null && publicDomains.Contains(registrable)));
                    if (account is null && email is not null && !publicHost)
                    {
                        account = Scalar(accountByDomain, email.Host)
                            ?? (registrable is not null ? Scalar(accountByDomain, registrable) : null)
                            ?? Scalar(colleagues, email.Host);
                    }

                    if (contact is null && account is null)
                    {
                        string? lead = (email is not null ? Scalar(leadByEmail, email.Address) : null) ?? (phone is not null ? Scalar(leadByPhone, phone) : null);
                        matched += lead is null ? 0 : 1;
                        continue;
                    }

                    matched++;
                    if (account is not null)
                    {
                        deals.Parameters["$k"].Value = account;
                        deals.Parameters["$d"].Value = day;
                        using SqliteDataReader r = deals.ExecuteReader();
                        while (r.Read())
                        {
                            matched += r.GetString(0).Length > 0 ? 0 : 1;
                        }
                    }
                }
            }
        }

        double seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"sql baseline: load {loadSeconds:F1} s; {activities:N0} activities in {seconds:F1} s = {activities / seconds:N0} activities/s (1 core; {matched:N0} participant matches)");
        db.Close();
        SqliteConnection.ClearAllPools();
        File.Delete(dbPath);
        return 0;
    }

    private static void Load(SqliteConnection db, CrmSnapshot s, LinkageSettings settings)
    {
        Execute(db, """
            CREATE TABLE contact(id TEXT PRIMARY KEY, account_id TEXT, modified_at TEXT);
            CREATE TABLE contact_email(email TEXT, host TEXT, contact_id TEXT);
            CREATE TABLE contact_phone(phone TEXT, contact_id TEXT);
            CREATE TABLE account(id TEXT PRIMARY KEY, modified_at TEXT);
            CREATE TABLE account_domain(domain TEXT, account_id TEXT);
            CREATE TABLE lead_email(email TEXT, lead_id TEXT);
            CREATE TABLE lead_phone(phone TEXT, lead_id TEXT);
            CREATE TABLE user_key(key TEXT, user_id TEXT);
            CREATE TABLE deal(id TEXT PRIMARY KEY, account_id TEXT, is_closed INTEGER, close_date TEXT);
            """);
        using SqliteTransaction tx = db.BeginTransaction();
        void Insert(string sql, params object?[] values)
        {
            using SqliteCommand cmd = db.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = sql;
            for (int i = 0; i < values.Length; i++)
            {
                cmd.Parameters.AddWithValue($"$p{i}", values[i] ?? DBNull.Value);
            }

            cmd.ExecuteNonQuery();
        }

        string region = settings.DefaultPhoneRegion;
        foreach (CrmUser u in s.Users)
        {
            foreach (string e in u.Emails)
            {
                if (EmailAddress.TryParse(e, out EmailAddress email)) { Insert("INSERT INTO user_key VALUES($p0,$p1)", email.Address, u.Id); }
            }

            foreach (string p in u.Phones)
            {
                if (PhoneNumber.TryNormalise(p, u.Region, region, out string e164)) { Insert("INSERT INTO user_key VALUES($p0,$p1)", e164, u.Id); }
            }
        }

        foreach (Account a in s.Accounts)
        {
            Insert("INSERT OR REPLACE INTO account VALUES($p0,$p1)", a.Id, a.ModifiedAt?.ToString("O", CultureInfo.InvariantCulture));
            foreach (string d in a.Website is null ? a.Domains : a.Domains.Append(a.Website))
            {
                if (DomainName.Normalise(d, dropWww: true) is { } domain) { Insert("INSERT INTO account_domain VALUES($p0,$p1)", domain, a.Id); }
            }
        }

        foreach (Contact c in s.Contacts)
        {
            Insert("INSERT OR REPLACE INTO contact VALUES($p0,$p1,$p2)", c.Id, c.AccountId, c.ModifiedAt?.ToString("O", CultureInfo.InvariantCulture));
            foreach (string e in c.Emails)
            {
                if (EmailAddress.TryParse(e, out EmailAddress email)) { Insert("INSERT INTO contact_email VALUES($p0,$p1,$p2)", email.Address, email.Host, c.Id); }
            }

            foreach (string p in c.Phones)
            {
                if (PhoneNumber.TryNormalise(p, c.Region, region, out string e164)) { Insert("INSERT INTO contact_phone VALUES($p0,$p1)", e164, c.Id); }
            }
        }

        foreach (Lead l in s.Leads)
        {
            foreach (string e in l.Emails)
            {
                if (EmailAddress.TryParse(e, out EmailAddress email)) { Insert("INSERT INTO lead_email VALUES($p0,$p1)", email.Address, l.Id); }
            }

            foreach (string p in l.Phones)
            {
                if (PhoneNumber.TryNormalise(p, l.Region, region, out string e164)) { Insert("INSERT INTO lead_phone VALUES($p0,$p1)", e164, l.Id); }
            }
        }

        foreach (Deal d in s.Deals)
        {
            Insert("INSERT OR REPLACE INTO deal VALUES($p0,$p1,$p2,$p3)", d.Id, d.AccountId, d.IsClosed ? 1 : 0, d.CloseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        tx.Commit();
        Execute(db, """
            CREATE INDEX ix_contact_email ON contact_email(email); CREATE INDEX ix_contact_host ON contact_email(host);
            CREATE INDEX ix_contact_phone ON contact_phone(phone); CREATE INDEX ix_account_domain ON account_domain(domain);
            CREATE INDEX ix_lead_email ON lead_email(email); CREATE INDEX ix_lead_phone ON lead_phone(phone);
            CREATE INDEX ix_user_key ON user_key(key); CREATE INDEX ix_deal_account ON deal(account_id);
            ANALYZE;
            """);
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using SqliteCommand cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static SqliteCommand Prepare(SqliteConnection db, string sql)
    {
        SqliteCommand cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.Add("$k", SqliteType.Text);
        if (sql.Contains("$d", StringComparison.Ordinal))
        {
            cmd.Parameters.Add("$d", SqliteType.Text);
        }

        cmd.Prepare();
        return cmd;
    }

    private static string? Scalar(SqliteCommand cmd, string key) => Scalar(cmd, key, 0, out _);

    private static string? Scalar(SqliteCommand cmd, string key, int secondColumn, out string? second)
    {
        cmd.Parameters["$k"].Value = key;
        using SqliteDataReader r = cmd.ExecuteReader();
        second = null;
        if (!r.Read())
        {
            return null;
        }

        if (secondColumn > 0 && !r.IsDBNull(secondColumn))
        {
            second = r.GetString(secondColumn);
        }

        return r.GetString(0);
    }
}
