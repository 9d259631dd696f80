using Berth.Engine.Errors;
using Berth.Engine.Images;
using Xunit;

namespace Berth.Tests.Images;

public class ImageReferenceTests
{
    private const string Hex64 = "7cc4b5aefd1d0cadf8d97d4350462ba51c694ebca145b08d7d41b41acc8db5aa";
    private const string Sha = "sha256:" + Hex64;

    [Theory]
    // input, domain, path, tag, digest
    [InlineData("busybox", "docker.io", "library/busybox", null, null)]
    [InlineData("busybox:1.36", "docker.io", "library/busybox", "1.36", null)]
    [InlineData("busybox:Latest", "docker.io", "library/busybox", "Latest", null)]
    [InlineData("library/busybox", "docker.io", "library/busybox", null, null)]
    [InlineData("docker.io/busybox", "docker.io", "library/busybox", null, null)]
    [InlineData("docker.io/library/busybox:latest", "docker.io", "library/busybox", "latest", null)]
    [InlineData("index.docker.io/library/busybox", "docker.io", "library/busybox", null, null)]
    [InlineData("index.docker.io/busybox", "docker.io", "library/busybox", null, null)]
    [InlineData("user/app", "docker.io", "user/app", null, null)]
    [InlineData("user/app:v2", "docker.io", "user/app", "v2", null)]
    [InlineData("docker.io/library/a/b", "docker.io", "library/a/b", null, null)]
    [InlineData("localhost:5000/x", "localhost:5000", "x", null, null)]
    [InlineData("localhost/x", "localhost", "x", null, null)]
    [InlineData("localhost", "docker.io", "library/localhost", null, null)]
    [InlineData("localhost:5000", "docker.io", "library/localhost", "5000", null)]
    [InlineData("my.registry/a/b:c@" + Sha, "my.registry", "a/b", "c", Sha)]
    [InlineData("example.com:8080/ns/img@" + Sha, "example.com:8080", "ns/img", null, Sha)]
    [InlineData("127.0.0.1:5000/img", "127.0.0.1:5000", "img", null, null)]
    [InlineData("[::1]:5000/img:tag", "[::1]:5000", "img", "tag", null)]
    [InlineData("registry.example.com/busybox", "registry.example.com", "busybox", null, null)]
    [InlineData("Foo/bar", "Foo", "bar", null, null)]
    [InlineData("busy--box", "docker.io", "library/busy--box", null, null)]
    [InlineData("busy__box", "docker.io", "library/busy__box", null, null)]
    [InlineData("a.b_c-d/e", "", "a.b_c-d/e", null, null)]
    [InlineData("sha256:" + Hex64, "docker.io", "library/sha256", Hex64, null)]
    [InlineData(Hex64 + ":latest", "docker.io", "library/" + Hex64, "latest", null)]
    [InlineData("my_reg.com/foo", "", "my_reg.com/foo", null, null)]
    public void ParsesAndNormalises(string input, string domain, string path, string? tag, string? digest)
    {
        var reference = ImageReference.Parse(input);
        Assert.Equal(domain, reference.Domain);
        Assert.Equal(path, reference.Path);
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(digest, reference.Digest);
        Assert.True(ImageReference.TryParse(input, out var again));
        Assert.Equal(reference, again);
    }

    [Theory]
    [InlineData("Busybox", "invalid reference format: repository name (library/Busybox) must be lowercase")]
    [InlineData("user/Busybox", "invalid reference format: repository name (user/Busybox) must be lowercase")]
    [InlineData("docker.io/Library/busybox", "invalid reference format: repository name (Library/busybox) must be lowercase")]
    [InlineData("localhost:5000/Foo:tag", "invalid reference format: repository name (Foo) must be lowercase")]
    [InlineData("Foo_x/bar", "repository name must be lowercase")]
    [InlineData(":tag", "invalid reference format")]
    [InlineData("", "invalid reference format")]
    [InlineData("busybox:", "invalid reference format")]
    [InlineData("busybox:la$test", "invalid reference format")]
    [InlineData("busybox:-x", "invalid reference format")]
    [InlineData("busybox@", "invalid reference format")]
    [InlineData("busybox\n", "invalid reference format")]
    [InlineData(".busybox", "invalid reference format")]
    [InlineData("-busybox", "invalid reference format")]
    [InlineData("busy..box", "invalid reference format")]
    [InlineData("busy___box", "invalid reference format")]
    [InlineData("busybox/", "invalid reference format")]
    [InlineData("a//b", "invalid reference format")]
    [InlineData("http://registry/x", "invalid reference format")]
    [InlineData("busybox@sha256:abc", "invalid reference format")]
    [InlineData(Hex64, "invalid repository name (" + Hex64 + "), cannot specify 64-byte hexadecimal strings")]
    public void RejectsWithDockerMessages(string input, string message)
    {
        var error = Assert.Throws<BerthException>(() => ImageReference.Parse(input));
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(message, error.Message);
        Assert.False(ImageReference.TryParse(input, out _));
    }

    [Theory]
    [InlineData("busybox@sha256:" + "7cc4b5aefd1d0cadf8d97d4350462ba51c694ebca145b08d7d41b41acc8db5a", "invalid checksum digest format")]
    [InlineData("busybox@sha256:" + "7CC4B5AEFD1D0CADF8D97D4350462BA51C694EBCA145B08D7D41B41ACC8DB5AA", "invalid checksum digest format")]
    [InlineData("busybox@md5:0123456789abcdef0123456789abcdef", "unsupported digest algorithm")]
    [InlineData("busybox@SHA256:" + Hex64, "invalid reference format: repository name (library/busybox@SHA256) must be lowercase")]
    [InlineData("busybox@Sha:" + Hex64, "invalid reference format: repository name (library/busybox@Sha) must be lowercase")]
    [InlineData("busybox@sha:" + Hex64, "unsupported digest algorithm")]
    public void ValidatesDigests(string input, string message)
    {
        var error = Assert.Throws<BerthException>(() => ImageReference.Parse(input));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void AcceptsOtherRegisteredDigestAlgorithms()
    {
        var sha512 = "sha512:" + new string('a', 128);
        var sha384 = "sha384:" + new string('b', 96);
        Assert.Equal(sha512, ImageReference.Parse("busybox@" + sha512).Digest);
        Assert.Equal(sha384, ImageReference.Parse("busybox@" + sha384).Digest);
    }

    [Fact]
    public void EnforcesNameAndTagLengths()
    {
        // "library/" + 247 = 255 characters is the longest path.
        Assert.Equal(255, ImageReference.Parse(new string('a', 247)).Path.Length);
        var tooLong = Assert.Throws<BerthException>(() => ImageReference.Parse(new string('a', 248)));
        Assert.Equal("repository name must not be more than 255 characters", tooLong.Message);

        Assert.Equal(128, ImageReference.Parse("busybox:" + new string('t', 128)).Tag!.Length);
        var badTag = Assert.Throws<BerthException>(() => ImageReference.Parse("busybox:" + new string('t', 129)));
        Assert.Equal("invalid reference format", badTag.Message);
    }

    [Theory]
    // input, ToString, FullName, FamiliarName, FamiliarString
    [InlineData("busybox", "docker.io/library/busybox", "docker.io/library/busybox", "busybox", "busybox")]
    [InlineData("busybox:1.36", "docker.io/library/busybox:1.36", "docker.io/library/busybox", "busybox", "busybox:1.36")]
    [InlineData("user/app:v1", "docker.io/user/app:v1", "docker.io/user/app", "user/app", "user/app:v1")]
    [InlineData("docker.io/library/a/b", "docker.io/library/a/b", "docker.io/library/a/b", "library/a/b", "library/a/b")]
    [InlineData("localhost:5000/app", "localhost:5000/app", "localhost:5000/app", "localhost:5000/app", "localhost:5000/app")]
    [InlineData("localhost:5000/a/b@" + Sha, "localhost:5000/a/b@" + Sha, "localhost:5000/a/b", "localhost:5000/a/b", "localhost:5000/a/b@" + Sha)]
    [InlineData("busybox:1@" + Sha, "docker.io/library/busybox:1@" + Sha, "docker.io/library/busybox", "busybox", "busybox:1@" + Sha)]
    [InlineData("my_reg.com/foo", "my_reg.com/foo", "my_reg.com/foo", "my_reg.com/foo", "my_reg.com/foo")]
    public void RendersCanonicalAndFamiliarForms(string input, string canonical, string fullName, string familiarName, string familiarString)
    {
        var reference = ImageReference.Parse(input);
        Assert.Equal(canonical, reference.ToString());
        Assert.Equal(fullName, reference.FullName);
        Assert.Equal(familiarName, reference.FamiliarName);
        Assert.Equal(familiarString, reference.FamiliarString);
    }

    [Theory]
    [InlineData("busybox", "docker.io/library/busybox:latest", "busybox:latest")]
    [InlineData("busybox:1.36", "docker.io/library/busybox:1.36", "busybox:1.36")]
    [InlineData("busybox@" + Sha, "docker.io/library/busybox@" + Sha, "busybox@" + Sha)]
    [InlineData("localhost:5000/x", "localhost:5000/x:latest", "localhost:5000/x:latest")]
    public void AddsLatestOnlyToBareNames(string input, string canonical, string familiar)
    {
        var reference = ImageReference.Parse(input).WithDefaultTag();
        Assert.Equal(canonical, reference.ToString());
        Assert.Equal(familiar, reference.FamiliarString);
    }

    [Fact]
    public void DockerRefDropsTagWhenDigested()
    {
        Assert.Equal("docker.io/library/busybox@" + Sha, ImageReference.Parse("busybox:1@" + Sha).ToDockerRef().ToString());
        Assert.Equal("docker.io/library/busybox:latest", ImageReference.Parse("busybox").ToDockerRef().ToString());
        Assert.Equal("docker.io/library/busybox:2", ImageReference.Parse("busybox:2").ToDockerRef().ToString());
    }

    [Fact]
    public void WithTagAndDigestValidate()
    {
        var reference = ImageReference.Parse("busybox");
        Assert.Equal("busybox:v1.2_x-y", reference.WithTag("v1.2_x-y").FamiliarString);
        Assert.Equal("invalid tag format", Assert.Throws<BerthException>(() => reference.WithTag(".x")).Message);
        Assert.Equal("invalid tag format", Assert.Throws<BerthException>(() => reference.WithTag("")).Message);
        Assert.Equal("busybox@" + Sha, reference.WithDigest(Sha).FamiliarString);
        Assert.Equal("invalid digest format", Assert.Throws<BerthException>(() => reference.WithDigest("sha256:xyz")).Message);
        Assert.Equal("busybox", ImageReference.Parse("busybox:1@" + Sha).WithoutTagOrDigest().FamiliarString);
    }

    [Fact]
    public void RecognisesImageIds()
    {
        Assert.True(ImageReference.IsImageId(Hex64));
        Assert.False(ImageReference.IsImageId(Hex64.ToUpperInvariant()));
        Assert.False(ImageReference.IsImageId(Hex64[..63]));
        Assert.False(ImageReference.IsImageId(Sha));
    }

    [Fact]
    public void TryParseRejectsNull()
    {
        Assert.False(ImageReference.TryParse(null, out var result));
        Assert.Null(result);
    }
}
