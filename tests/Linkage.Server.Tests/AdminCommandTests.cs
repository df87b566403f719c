using System.Text;
using System.Text.Json;
using Linkage.Cli;
using Linkage.Server.Tests.Support;

namespace Linkage.Server.Tests;

/// <summary><c>linkage workspace create</c> and <c>linkage key create</c>, used by a server on the same store.</summary>
public sealed class AdminCommandTests : IDisposable
{
    private readonly ServerWorld _world = new();

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        int code = await LinkageCommand.RunAsync(args, stdout, stderr, stderrIsRedirected: true);
        return (code, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    [Fact]
    public async Task Created_workspace_and_key_work_against_the_server()
    {
        (int code, _, string err) = await Run("workspace", "create", "initrode", "--db", _world.StorePath);
        Assert.Equal(0, code);
        Assert.Contains("workspace 'initrode' created", err);
        (code, string key, err) = await Run("key", "create", "--workspace", "initrode", "--label", "crm sync", "--db", _world.StorePath);
        Assert.Equal(0, code);
        key = key.Trim();
        Assert.StartsWith("lk_", key);
        Assert.Contains("shown only this once", err);

        JsonElement ws = await (await ServerWorld.Client(_world.Server(), key).GetAsync("/api/workspace")).Json();
        Assert.Equal("initrode", ws.GetProperty("workspace").GetString());
        Assert.Equal(0, ws.GetProperty("activities").GetInt64());
    }

    [Fact]
    public async Task Store_keeps_only_the_hash_of_a_key()
    {
        (_, string key, _) = await Run("key", "create", "--workspace", ServerWorld.Globex, "--db", _world.StorePath);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        byte[] file = await File.ReadAllBytesAsync(_world.StorePath);
        string wal = _world.StorePath + "-wal";
        byte[] log = File.Exists(wal) ? await File.ReadAllBytesAsync(wal) : [];
        byte[] secret = Encoding.UTF8.GetBytes(key.Trim());
        Assert.Equal(-1, file.AsSpan().IndexOf(secret));
        Assert.Equal(-1, log.AsSpan().IndexOf(secret));
        byte[] hash = Encoding.UTF8.GetBytes(Server.Auth.ApiKeys.Hash(key.Trim()));
        Assert.True(file.AsSpan().IndexOf(hash) >= 0 || log.AsSpan().IndexOf(hash) >= 0, "the hash is stored");
    }

    [Fact]
    public async Task Key_for_an_unknown_workspace_is_refused_in_one_sentence()
    {
        (int code, string key, string err) = await Run("key", "create", "--workspace", "nobody", "--db", _world.StorePath);
        Assert.Equal(2, code);
        Assert.Equal("", key);
        Assert.Equal("linkage: the store has no workspace 'nobody'; import a CRM or activities into it first", err.Trim());
    }

    [Fact]
    public async Task Creating_an_existing_workspace_says_so()
    {
        (int code, _, string err) = await Run("workspace", "create", ServerWorld.Globex, "--db", _world.StorePath);
        Assert.Equal(0, code);
        Assert.Contains("already exists", err);
    }

    public void Dispose() => _world.Dispose();
}
