using System.Text;

namespace Orleans.Distill.Tests.Events;

/// <summary>Valid contract lines, numbered so each names its own account, and the ways a line goes bad.</summary>
public static class HostileLines
{
    public static string Valid(Random random, int n) => random.Next(4) switch
    {
        0 => $$"""{"type":"signup","account":"f{{n}}","at":"2026-04-{{10 + (n % 20)}}T10:00:00Z","ip":"203.0.{{n % 256}}.{{n % 250}}","device":"d{{n % 97}}","id":"s{{n}}"}""",
        1 => $$"""{"type":"payment","account":"f{{n}}","at":"2026-04-22T10:00:00Z","instrument":"tok_{{n % 1000}}"}""",
        2 => $$"""{"type":"usage","account":"f{{n}}","at":"2026-05-01T{{n % 24:D2}}:00:00Z","requests":{{1 + n % 500}},"category":"coding","tokens":{{n}},"ip":"2001:db8::{{n % 65535:x}}"}""",
        _ => $$"""{"type":"label","account":"f{{n}}","at":"2026-05-02T00:00:00Z","verdict":"{{(n % 2 == 0 ? "fraud" : "benign")}}","note":"n{{n}}"}""",
    };

    /// <summary>A line made invalid, or at least suspect: a bad byte, a cut, a stray prefix, a wrong type, a NUL.</summary>
    public static IEnumerable<byte> Mutate(Random random, byte[] line)
    {
        var bytes = line.ToList();
        switch (random.Next(8))
        {
            case 0: // invalid UTF-8 inside a string
                bytes.Insert(bytes.IndexOf((byte)'"', 10) + 1, (byte)(0x80 + random.Next(0x7F)));
                break;
            case 1: // cut short
                var keep = random.Next(1, bytes.Count - 1);
                bytes.RemoveRange(keep, bytes.Count - keep);
                break;
            case 2: // stray bytes before it
                bytes.InsertRange(0, [(byte)random.Next(0x21, 0x7A), 0xFF]);
                break;
            case 3: // a random byte flipped
                var at = random.Next(bytes.Count);
                bytes[at] = (byte)(bytes[at] ^ (1 << random.Next(8)));
                break;
            case 4: // the account replaced by a number
                return Encoding.UTF8.GetBytes(Encoding.UTF8.GetString([.. bytes]).Replace("\"account\":\"", "\"account\":1,\"x\":\""));
            case 5: // a NUL in the middle
                bytes.Insert(random.Next(bytes.Count), 0);
                break;
            case 6: // an unknown type
                return Encoding.UTF8.GetBytes(Encoding.UTF8.GetString([.. bytes]).Replace("\"type\":\"", "\"type\":\"x"));
            default: // a time that is no time
                return Encoding.UTF8.GetBytes(Encoding.UTF8.GetString([.. bytes]).Replace("T", "t").Replace(":00Z", ":00"));
        }

        return bytes;
    }
}
