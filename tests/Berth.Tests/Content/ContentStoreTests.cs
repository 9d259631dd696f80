using System.Text;
using Berth.Engine.Content;
using Berth.Engine.Errors;
using Xunit;

namespace Berth.Tests.Content;

public sealed class ContentStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "berth-content-" + Guid.NewGuid().ToString("N"));

    public void Dispose() { if (Directory.Exists(_root)) Directory.Delete(_root, true); }

    [Fact]
    public async Task A_blob_is_stored_under_its_sha256()
    {
        var store = new ContentStore(_root);
        var digest = await store.WriteAsync(new MemoryStream("hello"u8.ToArray()), null, CancellationToken.None);
        Assert.Equal("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", digest.ToString());
        Assert.Equal("hello", File.ReadAllText(store.PathOf(digest)));
    }

    [Fact]
    public async Task A_blob_that_does_not_match_the_expected_digest_is_rejected_and_leaves_nothing()
    {
        var store = new ContentStore(_root);
        var wrong = Digest.FromBytes("other"u8);
        var e = await Assert.ThrowsAsync<BerthException>(() => store.WriteAsync(new MemoryStream("hello"u8.ToArray()), wrong, CancellationToken.None));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Contains("digest mismatch", e.Message);
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "blobs", "sha256")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "ingest")));
    }

    [Fact]
    public void An_abandoned_writer_leaves_no_temp_file_and_a_restart_clears_crash_leftovers()
    {
        var store = new ContentStore(_root);
        using (var w = store.CreateWriter()) w.Write(Encoding.UTF8.GetBytes("partial"));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "ingest")));
        File.WriteAllText(Path.Combine(_root, "ingest", "left-by-a-crash"), "x");
        _ = new ContentStore(_root);
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "ingest")));
    }

    [Theory]
    [InlineData("sha256:abc")]
    [InlineData("md5:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")]
    [InlineData("sha256:2CF24DBA5FB0A30E26E83B2AC5B9E29E1B161E5C1FA7425E73043362938B9824")]
    public void Malformed_digests_are_refused(string value) => Assert.False(Digest.TryParse(value, out _));
}
