using System.Text;
using System.Text.Json;
using Berth.Cli.Commands;
using Berth.Protocol.Images;
using Berth.Protocol.Json;

namespace Berth.Cli.Streams;

/// <summary>
/// Prints Docker's JSON progress stream (import, load, pull): "stream" text verbatim, "status"
/// lines prefixed with their id, progress bars skipped when not on a terminal, and an
/// "error"/"errorDetail" message turned into a failure as docker's jsonmessage does.
/// </summary>
internal static class JsonMessagePrinter
{
    public static async Task PrintAsync(Stream body, TextWriter output, CancellationToken ct)
    {
        using var reader = new StreamReader(body, new UTF8Encoding(false), false, 4096, leaveOpen: true);
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            line = line.Trim();
            if (line.Length == 0) continue;
            JsonMessage? message;
            try { message = JsonSerializer.Deserialize(line, ProtocolJson.Default.JsonMessage); }
            catch (JsonException)
            {
                // Not a progress message: pass it on untouched.
                await output.WriteLineAsync(line).ConfigureAwait(false);
                continue;
            }
            if (message is null) continue;
            var error = message.ErrorDetail?.Message is { Length: > 0 } detail ? detail : message.Error;
            if (!string.IsNullOrEmpty(error)) throw new CliError(1, error);
            if (message.Stream is not null)
            {
                await output.WriteAsync(message.Stream).ConfigureAwait(false);
                continue;
            }
            if (message.Status is null) continue;
            var text = message.Id is { Length: > 0 } id ? $"{id}: {message.Status}" : message.Status;
            await output.WriteLineAsync(text).ConfigureAwait(false);
        }
    }
}
