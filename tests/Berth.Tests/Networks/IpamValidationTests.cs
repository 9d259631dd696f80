using Berth.Protocol.Networks;
using Xunit;

namespace Berth.Tests.Networks;

/// <summary>The daemon-side IPAM checks of network create, with Docker 28's messages.</summary>
public class IpamValidationTests
{
    private static string? Validate(string subnet, string? gateway = null, string? ipRange = null, bool ipv6 = false) =>
        IpamValidation.Validate(new NetworkIpam { Config = [new NetworkIpamConfig { Subnet = subnet, Gateway = gateway, IPRange = ipRange }] }, ipv6);

    [Theory]
    [InlineData("10.1.0.0/16", "10.1.0.1", "10.1.1.0/24")]
    [InlineData("10.1.0.0/16", "10.1.255.254", null)]
    [InlineData("172.30.0.0/24", null, "172.30.0.0/24")]
    public void Valid_configs_pass(string subnet, string? gateway, string? ipRange) => Assert.Null(Validate(subnet, gateway, ipRange));

    [Theory]
    [InlineData("foo", null, null, "invalid subnet foo: invalid CIDR block notation")]
    [InlineData("10.1.0.0", null, null, "invalid subnet 10.1.0.0: invalid CIDR block notation")]
    [InlineData("10.1.0.0/33", null, null, "invalid subnet 10.1.0.0/33: invalid CIDR block notation")]
    [InlineData("010.1.0.0/16", null, null, "invalid subnet 010.1.0.0/16: invalid CIDR block notation")]
    [InlineData("10.0.0.1/24", null, null, "invalid subnet 10.0.0.1/24: it should be 10.0.0.0/24")]
    [InlineData("10.5.0.0/24", "10.6.0.1", null, "invalid gateway 10.6.0.1: parent subnet 10.5.0.0/24 doesn't contain this address")]
    [InlineData("10.5.0.0/24", "foo", null, "invalid gateway foo: invalid address")]
    [InlineData("10.5.0.0/24", "fd00::1", null, "invalid gateway fd00::1: parent subnet is an IPv4 block")]
    [InlineData("10.5.0.0/24", null, "10.5.0.0/16", "invalid ip-range 10.5.0.0/16: CIDR block is bigger than its parent subnet 10.5.0.0/24")]
    [InlineData("10.5.0.0/24", null, "10.6.0.0/25", "invalid ip-range 10.6.0.0/25: parent subnet 10.5.0.0/24 doesn't contain ip-range")]
    [InlineData("10.5.0.0/24", null, "bar", "invalid ip-range bar: invalid CIDR block notation")]
    public void Invalid_configs_get_dockers_message(string subnet, string? gateway, string? ipRange, string message) =>
        Assert.Equal("invalid network config:\n" + message, Validate(subnet, gateway, ipRange));

    [Fact]
    public void Several_problems_are_listed_as_bullets() =>
        Assert.Equal(
            "invalid network config:\n* invalid ip-range 10.5.0.1/28: it should be 10.5.0.0/28\n* invalid gateway 10.6.0.1: parent subnet 10.5.0.0/24 doesn't contain this address",
            Validate("10.5.0.0/24", "10.6.0.1", "10.5.0.1/28"));

    [Fact]
    public void IPv6_configs_count_only_with_IPv6_enabled()
    {
        Assert.Null(Validate("fd00::1/64"));
        Assert.Equal("invalid network config:\ninvalid subnet fd00::1/64: it should be fd00::/64", Validate("fd00::1/64", ipv6: true));
    }

    [Fact]
    public void No_ipam_section_is_valid() => Assert.Null(IpamValidation.Validate(null, false));
}
