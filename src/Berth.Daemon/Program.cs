using System.Net.Sockets;
using Berth.Api;
using Berth.Api.Infrastructure;
using Berth.Daemon;
using Berth.Engine;

DaemonOptions options;
try
{
    options = DaemonOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or System.Text.Json.JsonException or IOException)
{
    Console.Error.WriteLine($"berthd: {e.Message}");
    Console.Error.WriteLine("See 'berthd --help'.");
    return 125;
}
if (options.ShowHelp) { Console.WriteLine(DaemonOptions.Usage); return 0; }
if (options.ShowVersion) { Console.WriteLine($"Berth version {ServerInfo.Version}"); return 0; }

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(c => { c.SingleLine = true; c.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ "; c.UseUtcTimestamp = true; });
builder.Logging.SetMinimumLevel(options.LogLevel switch
{
    "debug" => LogLevel.Debug, "info" => LogLevel.Information, "warn" => LogLevel.Warning, "error" => LogLevel.Error, _ => LogLevel.Critical,
});
builder.Logging.AddFilter("Microsoft.AspNetCore", options.LogLevel == "debug" ? LogLevel.Information : LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);

// Registered after Kestrel's own socket transport, so it wins for unix sockets (see Transport/).
builder.Services.AddSingleton<Microsoft.AspNetCore.Connections.IConnectionListenerFactory, Berth.Daemon.Transport.HalfCloseTransportFactory>();
var unixSockets = new List<string>();
builder.WebHost.ConfigureKestrel(k =>
{
    k.AddServerHeader = false;
    k.Limits.MaxRequestBodySize = null;
    k.Limits.MinRequestBodyDataRate = null;
    k.Limits.MinResponseDataRate = null;
    k.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(10);
    foreach (var host in options.Hosts)
    {
        if (host.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = host["unix://".Length..];
            PrepareSocketPath(path);
            unixSockets.Add(path);
            k.ListenUnixSocket(path);
        }
        else if (host.StartsWith("tcp://", StringComparison.Ordinal) && Uri.TryCreate(host, UriKind.Absolute, out var uri))
        {
            if (!System.Net.IPAddress.IsLoopback(System.Net.IPAddress.Parse(uri.Host)))
                throw new ArgumentException("listening on a non-loopback TCP address needs TLS, which is not supported yet");
            k.Listen(System.Net.IPAddress.Parse(uri.Host), uri.Port);
        }
        else throw new ArgumentException($"invalid host: {host}");
    }
});

BerthEngine engine;
try
{
    engine = new BerthEngine(new EngineOptions
    {
        DataRoot = options.DataRoot, ExecRoot = options.ExecRoot, RuntimePath = options.Runtime, CgroupParent = options.CgroupParent,
        NetworkPrefix = options.NetworkPrefix, BridgeIp = options.BridgeIp,
        AddressPools = options.AddressPools.Count > 0 ? [.. options.AddressPools] : EngineOptions.DefaultAddressPools(),
    });
}
catch (Exception e)
{
    Console.Error.WriteLine($"berthd: failed to open the store in {options.DataRoot}: {e.Message}");
    return 1;
}

var app = builder.Build();
app.MapDockerApi(engine);
app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var path in unixSockets) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
    app.Logger.LogInformation("API listening on {Hosts}", string.Join(", ", options.Hosts));
});
try
{
    await app.RunAsync();
}
finally
{
    engine.Dispose();
    foreach (var path in unixSockets) File.Delete(path);
}
return 0;

// A socket file left by a killed daemon is removed; one that still answers means another daemon runs.
static void PrepareSocketPath(string path)
{
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    if (!File.Exists(path)) return;
    using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    try
    {
        probe.Connect(new UnixDomainSocketEndPoint(path));
        throw new IOException($"another daemon is already listening on {path}");
    }
    catch (SocketException)
    {
        File.Delete(path);
    }
}
