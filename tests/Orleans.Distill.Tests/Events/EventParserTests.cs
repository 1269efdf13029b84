using System.Text;
using Microsoft.Extensions.Time.Testing;
using Orleans.Distill.Events;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Tests.Events;

public sealed class EventParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static EventParser Parser(KeyOptions? keys = null) =>
        new(keys ?? new KeyOptions(), new IngestOptions { MaxLineBytes = 2048 }, new FakeTimeProvider(Now));

    private static ParsedBatch Parse(string body, KeyOptions? keys = null) => Parser(keys).Parse(Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Ndjson_AllFourTypes_AreParsedAndNormalised()
    {
        var batch = Parse("""
            {"type":"signup","account":"a1","at":"2026-04-22T10:00:00Z","ip":"203.0.113.7","email":"x@y.z","country":"DE","device":"d1","id":"e1"}
            {"type":"payment","account":"a1","at":"2026-04-22T10:05:00+02:00","instrument":"tok_1","device":"d1"}
            {"type":"usage","account":"a1","at":"2026-04-22T11:00:00.5Z","requests":40,"ip":"2001:db8:1::9","category":"coding","tokens":900,"template":"t1"}
            {"type":"label","account":"a1","at":"2026-04-23T00:00:00Z","verdict":"fraud","source":"analyst","note":"ring 7"}
            """);

        Assert.Empty(batch.Rejected);
        Assert.Equal([1, 2, 3, 4], batch.EventLines);
        var (signup, payment, usage, label) = (batch.Events[0], batch.Events[1], batch.Events[2], batch.Events[3]);
        Assert.Equal(EventType.Signup, signup.Type);
        Assert.Equal("203.0.113.0/24", signup.IpRange);
        Assert.Equal(["ip_range:203.0.113.0/24", "device:d1"], signup.LinkedEntities());
        Assert.Equal(new DateTime(2026, 4, 22, 8, 5, 0, DateTimeKind.Utc), payment.At);
        Assert.Equal(["instrument:tok_1", "device:d1"], payment.LinkedEntities());
        Assert.Equal(TrafficCategory.Coding, usage.Category);
        Assert.Equal(40, usage.Requests);
        Assert.Equal(900, usage.Tokens);
        Assert.Equal(["ip_range:2001:db8:1::/48", "template:t1"], usage.LinkedEntities());
        Assert.Equal(Verdict.Fraud, label.Verdict);
        Assert.Empty(label.LinkedEntities());
    }

    [Fact]
    public void JsonArray_IsAcceptedWithElementNumbers()
    {
        var batch = Parse("""
            [ {"type":"payment","account":"a","at":"2026-04-22T10:00:00Z","instrument":"tok"},
              {"type":"payment","account":"b","at":"2026-04-22T10:00:00Z"},
              42 ]
            """);

        Assert.Single(batch.Events);
        Assert.Equal(
            [new RejectedLine(2, "instrument: required for payment"), new RejectedLine(3, "json: each line must be a JSON object")],
            batch.Rejected);
    }

    [Theory]
    [InlineData("""{"account":"a","at":"2026-04-22T10:00:00Z"}""", "type: required")]
    [InlineData("""{"type":"refund","account":"a","at":"2026-04-22T10:00:00Z"}""", "type: unknown event type 'refund' (expected signup, payment, usage or label)")]
    [InlineData("""{"type":"usage","at":"2026-04-22T10:00:00Z","requests":1}""", "account: required")]
    [InlineData("""{"type":"usage","account":"bad account","at":"2026-04-22T10:00:00Z","requests":1}""", "account: must be 1-128 characters of [A-Za-z0-9._:@-]")]
    [InlineData("""{"type":"usage","account":"a","requests":1}""", "at: required")]
    [InlineData("""{"type":"usage","account":"a","at":"yesterday","requests":1}""", "at: not an RFC 3339 timestamp (e.g. 2026-04-22T10:00:00Z)")]
    [InlineData("""{"type":"usage","account":"a","at":"2026-04-22T10:00:00","requests":1}""", "at: not an RFC 3339 timestamp (e.g. 2026-04-22T10:00:00Z)")]
    [InlineData("""{"type":"usage","account":"a","at":"2026-13-22T10:00:00Z","requests":1}""", "at: not an RFC 3339 timestamp (e.g. 2026-04-22T10:00:00Z)")]
    [InlineData("""{"type":"usage","account":"a","at":"2027-01-01T00:00:00Z","requests":1}""", "at: is in the future")]
    [InlineData("""{"type":"signup","account":"a","at":"2026-04-22T10:00:00Z"}""", "ip: required for signup")]
    [InlineData("""{"type":"signup","account":"a","at":"2026-04-22T10:00:00Z","ip":"300.1.1.1"}""", "ip: is not a valid IPv4 address")]
    [InlineData("""{"type":"signup","account":"a","at":"2026-04-22T10:00:00Z","ip":"fe80::1%1"}""", "ip: is not a valid IPv6 address")]
    [InlineData("""{"type":"signup","account":"a","at":"2026-04-22T10:00:00Z","ip":7}""", "ip: must be a string")]
    [InlineData("""{"type":"payment","account":"a","at":"2026-04-22T10:00:00Z","instrument":"5500 0000 0000 0004"}""", "instrument: looks like a raw card number; send the processor's token or fingerprint instead")]
    [InlineData("""{"type":"usage","account":"a","at":"2026-04-22T10:00:00Z"}""", "requests: required for usage")]
    [InlineData("""{"type":"usage","account":"a","at":"2026-04-22T10:00:00Z","requests":0}""", "requests: must be an integer >= 1")]
    [InlineData("""{"type":"usage","account":"a","at":"2026-04-22T10:00:00Z","requests":1.5}""", "requests: must be an integer")]
    [InlineData("""{"type":"usage","account":"a","at":"2026-04-22T10:00:00Z","requests":"9"}""", "requests: must be an integer")]
    [InlineData("""{"type":"usage","account":"a","at":"2026-04-22T10:00:00Z","requests":1,"tokens":-1}""", "tokens: must be an integer >= 0")]
    [InlineData("""{"type":"usage","account":"a","at":"2026-04-22T10:00:00Z","requests":1,"category":"poetry"}""", "category: must be one of coding, agentic, reasoning, chat, other")]
    [InlineData("""{"type":"label","account":"a","at":"2026-04-22T10:00:00Z"}""", "verdict: required for label")]
    [InlineData("""{"type":"label","account":"a","at":"2026-04-22T10:00:00Z","verdict":"maybe"}""", "verdict: must be fraud or benign")]
    [InlineData("""{"type":"usage","account":"a","at":"2026-04-22T10:00:00Z","requests":1,"device":""}""", "device: must not be empty")]
    [InlineData("""["not an object"]""", "json: each line must be a JSON object")]
    public void BadLine_IsRejectedNamingTheField(string line, string error)
    {
        var batch = Parse("{\"type\":\"usage\",\"account\":\"ok\",\"at\":\"2026-04-22T10:00:00Z\",\"requests\":1}\n" + line + "\n");

        Assert.Single(batch.Events);
        Assert.Equal([new RejectedLine(2, error)], batch.Rejected);
    }

    [Theory]
    [InlineData("""{"type":"usage","account":"a","at":"2026-04-22T10:00:00Z","requests":1""")]
    [InlineData("""{"type":"usage",,}""")]
    [InlineData("""{"type":"usage"} {"type":"usage"}""")]
    public void MalformedJsonLine_IsRejectedAsJson(string line)
    {
        var batch = Parse("{\"type\":\"usage\",\"account\":\"ok\",\"at\":\"2026-04-22T10:00:00Z\",\"requests\":1}\n" + line);

        Assert.Single(batch.Events);
        Assert.StartsWith("json: ", batch.Rejected.Single().Error);
        Assert.Equal(2, batch.Rejected.Single().Line);
    }

    [Fact]
    public void RejectedCardNumber_IsNeverEchoed()
    {
        var batch = Parse("""{"type":"payment","account":"a","at":"2026-04-22T10:00:00Z","instrument":"4111111111111111"}""");
        Assert.DoesNotContain("4111", batch.Rejected.Single().Error);
    }

    [Fact]
    public void OverLongLineOrField_IsRejected()
    {
        var longDevice = new string('d', 300);
        var longLine = "{\"type\":\"usage\",\"account\":\"a\",\"at\":\"2026-04-22T10:00:00Z\",\"requests\":1,\"note\":\"" + new string('n', 3000) + "\"}";
        var batch = Parse(
            "{\"type\":\"usage\",\"account\":\"a\",\"at\":\"2026-04-22T10:00:00Z\",\"requests\":1,\"device\":\"" + longDevice + "\"}\n" + longLine);

        Assert.Equal([new RejectedLine(1, "device: is longer than 256 characters"), new RejectedLine(2, "line: longer than 2048 bytes")], batch.Rejected);
    }

    [Fact]
    public void BlankLinesAndCrLf_KeepLineNumbers()
    {
        var batch = Parse("\r\n{\"type\":\"usage\",\"account\":\"a\",\"at\":\"2026-04-22T10:00:00Z\",\"requests\":1}\r\n\r\n{\"type\":\"x\"}\r\n");
        Assert.Equal([2], batch.EventLines);
        Assert.Equal(4, batch.Rejected.Single().Line);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n  ")]
    [InlineData("hello world")]
    [InlineData("[{\"type\":\"usage\"}")]
    [InlineData("[1,2] trailing")]
    public void NotJsonAtAll_IsABodyError(string body) =>
        Assert.Throws<BodyFormatException>(() => Parse(body));

    private const string Good = "{\"type\":\"usage\",\"account\":\"a\",\"at\":\"2026-04-22T10:00:00Z\",\"requests\":1}";

    /// <summary>A body of raw bytes: <paramref name="parts"/> are UTF-8 text or single bytes put in as they are.</summary>
    private static ParsedBatch ParseBytes(params object[] parts) =>
        Parser().Parse([.. parts.SelectMany(p => p is byte b ? [b] : Encoding.UTF8.GetBytes((string)p))]);

    [Theory]
    [InlineData("device")]
    [InlineData("account")]
    [InlineData("template")]
    [InlineData("note")]
    public void InvalidUtf8InsideAString_RejectsOnlyThatLine_NamingTheField(string field)
    {
        var bad = field == "account"
            ? new object[] { "{\"type\":\"usage\",\"at\":\"2026-04-22T10:00:00Z\",\"requests\":1,\"account\":\"a", (byte)0xFF, "\"}\n" }
            : ["{\"type\":\"usage\",\"account\":\"b\",\"at\":\"2026-04-22T10:00:00Z\",\"requests\":1,\"", field, "\":\"x", (byte)0xC3, (byte)0x28, "\"}\n"];
        var batch = ParseBytes([Good + "\n", .. bad, Good.Replace("\"a\"", "\"c\""), "\n"]);

        Assert.Equal([1, 3], batch.EventLines);
        Assert.Equal([new RejectedLine(2, $"{field}: not valid UTF-8")], batch.Rejected);
    }

    [Fact]
    public void InvalidUtf8InAFieldName_RejectsOnlyThatLine()
    {
        var batch = ParseBytes("{\"", (byte)0xFE, "\":1,\"type\":\"usage\"}\n", Good);
        Assert.Equal([2], batch.EventLines);
        Assert.Equal([new RejectedLine(1, "json: a field name is not valid UTF-8")], batch.Rejected);
    }

    [Fact]
    public void ByteOrderMark_BeforeTheFirstLine_IsAccepted()
    {
        var batch = ParseBytes((byte)0xEF, (byte)0xBB, (byte)0xBF, Good + "\r\n" + Good.Replace("\"a\"", "\"b\""));
        Assert.Empty(batch.Rejected);
        Assert.Equal([1, 2], batch.EventLines);
        Assert.Equal(["a", "b"], batch.Events.Select(e => e.Account));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("\u0000\u0001")]
    [InlineData("]")]
    public void StrayBytesBeforeTheFirstLine_CostOnlyThatLine(string stray)
    {
        var batch = ParseBytes(stray + Good + "\n", (byte)0x80, Good + "\n" + Good.Replace("\"a\"", "\"b\""));
        Assert.Equal([3], batch.EventLines);
        Assert.Equal([1, 2], batch.Rejected.Select(r => r.Line));
        Assert.All(batch.Rejected, r => Assert.StartsWith("json:", r.Error));
    }

    [Fact]
    public void DedupeKey_SameIdOrSameContent_IsEqual()
    {
        var batch = Parse("""
            {"type":"usage","account":"a","at":"2026-04-22T10:00:00Z","requests":5,"id":"e-1"}
            {"type":"usage","account":"a","at":"2026-04-22T10:00:00Z","requests":7,"id":"e-1"}
            {"type":"usage","account":"a","at":"2026-04-22T10:00:00Z","requests":5}
            {"type":"usage","account":"a","at":"2026-04-22T10:00:00Z","requests":5,"ip":"203.0.113.1"}
            {"type":"usage","account":"a","at":"2026-04-22T10:00:00Z","requests":5,"ip":"203.0.113.200"}
            {"type":"usage","account":"a","at":"2026-04-22T10:00:00Z","requests":6}
            """);

        var keys = batch.Events.Select(e => e.Dedupe).ToArray();
        Assert.Equal(keys[0], keys[1]);
        Assert.NotEqual(keys[0], keys[2]);
        Assert.Equal(keys[3], keys[4]); // same range after folding: the same event
        Assert.NotEqual(keys[2], keys[5]);
    }

    [Fact]
    public void UnknownFields_AreIgnored()
    {
        var batch = Parse("""{"type":"usage","account":"a","at":"2026-04-22T10:00:00Z","requests":1,"extra":{"nested":[1,2]}}""");
        Assert.Single(batch.Events);
    }
}
