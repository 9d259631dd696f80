using Berth.Cli.Commands;
using Berth.Cli.Copy;
using Xunit;

namespace Berth.Tests.Cli;

/// <summary>docker cp's argument split and its rules for where a copy lands (archive.PrepareArchiveCopy).</summary>
public class CpRulesTests
{
    [Theory]
    [InlineData("web:/etc/passwd", "web", "/etc/passwd")]
    [InlineData("web:relative", "web", "relative")]
    [InlineData("/abs:path", null, "/abs:path")]
    [InlineData("./local:x", null, "./local:x")]
    [InlineData("local", null, "local")]
    [InlineData("-", null, "-")]
    public void Arguments_split_like_docker(string arg, string? container, string path) =>
        Assert.Equal((container, path), CpCommand.Split(arg));

    [Theory]
    [InlineData("/a/b", "b")]
    [InlineData("/a/b/", "b")]
    [InlineData("/a/b/.", ".")]
    [InlineData("/", "/")]
    [InlineData("rel", "rel")]
    public void Base_names_follow_split_path_dir_entry(string path, string expected) => Assert.Equal(expected, CopyTarget.BaseOf(path));

    [Fact]
    public void A_directory_into_an_existing_directory_keeps_its_name() =>
        Assert.Equal(new CopyTarget("/dst", "src"), CopyTarget.Plan("src", true, "/dst", true, true));

    [Fact]
    public void A_directory_to_a_new_path_takes_that_name() =>
        Assert.Equal(new CopyTarget("/parent", "new"), CopyTarget.Plan("src", true, "/parent/new", false, false));

    [Fact]
    public void Contents_of_a_directory_go_into_an_existing_directory() =>
        Assert.Equal(new CopyTarget("/dst", "."), CopyTarget.Plan(".", true, "/dst", true, true));

    [Fact]
    public void A_file_over_an_existing_file_takes_its_name() =>
        Assert.Equal(new CopyTarget("/etc", "hosts"), CopyTarget.Plan("f", false, "/etc/hosts", true, false));

    [Fact]
    public void A_directory_over_a_file_is_refused() =>
        Assert.Contains("cannot copy directory", Assert.Throws<CliError>(() => CopyTarget.Plan("d", true, "/etc/hosts", true, false)).Message);

    [Fact]
    public void A_file_to_a_missing_directory_path_is_refused() =>
        Assert.Contains("does not exist", Assert.Throws<CliError>(() => CopyTarget.Plan("f", false, "/nope/", false, false)).Message);
}
