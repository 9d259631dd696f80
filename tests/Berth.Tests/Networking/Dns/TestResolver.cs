using System.Net;
using Berth.Engine.Networking.Dns;

namespace Berth.Tests.Networking.Dns;

internal sealed class TestResolver : IDnsResolver
{
    public Dictionary<string, IPAddress[]> Names { get; } = new();
    public Dictionary<IPAddress, string> Reverse { get; } = new();
    public List<string> Asked { get; } = [];

    public IReadOnlyList<IPAddress>? LookupAddresses(string name)
    {
        lock (Asked) Asked.Add(name);
        if (name == "explodes") throw new InvalidOperationException("resolver bug");
        return Names.GetValueOrDefault(name);
    }

    public string? LookupName(IPAddress address) => Reverse.GetValueOrDefault(address);
}
