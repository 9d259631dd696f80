using System.Text;
using Berth.Engine.Logs;
using Xunit;

namespace Berth.Tests.Logs;

public class LogFileLinesTests
{
    [Fact]
    public async Task Only_a_newline_ends_a_record_so_carriage_returns_stay_in_it()
    {
        var lines = new LogFileLines(new MemoryStream("a 10%\r100%\nb out\r\n"u8.ToArray()));

        Assert.Equal("a 10%\r100%", await lines.ReadLineAsync(default));
        Assert.Equal("b out\r", await lines.ReadLineAsync(default));
        Assert.Null(await lines.ReadLineAsync(default));
    }

    [Fact]
    public async Task A_record_still_being_written_is_returned_once_its_newline_arrives()
    {
        var file = new MemoryStream();
        var lines = new LogFileLines(file);
        void Append(string text)
        {
            var at = file.Position;
            file.Seek(0, SeekOrigin.End);
            file.Write(Encoding.UTF8.GetBytes(text));
            file.Position = at;
        }

        Append("first half ");
        Assert.Null(await lines.ReadLineAsync(default));
        Append("second half\nnext");
        Assert.Equal("first half second half", await lines.ReadLineAsync(default));
        Assert.Null(await lines.ReadLineAsync(default));
    }
}
