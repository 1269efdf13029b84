using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Orleans.Distill.Tests.Host;

/// <summary>
/// What a signup flow and an analyst do over HTTP against the real host: risk checks (and their bad input),
/// the flagged list, labels and a benign mark with their audit trail, and a split seen from the old id.
/// </summary>
public sealed class DetectionEndToEndTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new("distill-det");
    private HostProcess _host = null!;

    private HttpClient Http => _host.Http;

    public async Task InitializeAsync()
    {
        // The longest risk deadline: these tests are about what a whole read decides, which a busy machine must not
        // turn into a degraded answer.
        _host = await HostProcess.StartAsync(_folder.Path, "--storage", "memory", "--Distill:Risk:Deadline", "00:00:10");

        // A ring of 30: one proxy range, three cards in blocks of ten, signed up within minutes, hourly coding traffic.
        var lines = new List<string>();
        var signup = new DateTime(2026, 5, 1, 9, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 30; i++)
        {
            lines.Add(Line(new { type = "signup", account = $"r{i}", at = signup.AddSeconds(i * 11), ip = $"198.51.100.{i + 1}", id = $"s{i}" }));
            lines.Add(Line(new { type = "payment", account = $"r{i}", at = signup.AddSeconds(i * 11 + 30), instrument = $"tok_farm_{i / 10}", id = $"p{i}" }));
            for (var h = 0; h < 24; h++)
            {
                lines.Add(Line(new { type = "usage", account = $"r{i}", at = signup.AddHours(h + 1), ip = $"198.51.100.{i + 1}", requests = 40, category = "coding", id = $"u{i}-{h}" }));
            }
        }

        // A family of three on one card, who should stay alone and allowed.
        foreach (var (who, day) in new[] { ("mum", 3), ("dad", 40), ("kid", 90) })
        {
            lines.Add(Line(new { type = "signup", account = who, at = signup.AddDays(-day), ip = "192.0.2.10" }));
            lines.Add(Line(new { type = "payment", account = who, at = signup.AddDays(-1), instrument = "tok_family" }));
        }

        var response = await Http.PostAsync("/v1/events", new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson"));
        response.EnsureSuccessStatusCode();
        await CaughtUpAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task SignupCheck_WithTheRingsCardAndRange_IsDenied_NamingTheCard()
    {
        var answer = await PostAsync("/v1/risk/signup", new { ip = "198.51.100.200", instrument = "tok_farm_1", device = "new-phone" });
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("deny", answer.Body.GetProperty("decision").GetString());
        Assert.False(answer.Body.GetProperty("degraded").GetBoolean());
        Assert.False(answer.Body.TryGetProperty("unread", out _));
        Assert.StartsWith("c-", answer.Body.GetProperty("component").GetString());
        var card = answer.Body.GetProperty("reasons").EnumerateArray().Single(r => r.GetProperty("feature").GetString() == "shared_instrument_accounts");
        Assert.Equal("tok_farm_1", card.GetProperty("entity").GetString());
        Assert.Equal(11, card.GetProperty("value").GetDouble());

        var stranger = await PostAsync("/v1/risk/signup", new { ip = "203.0.113.9", instrument = "tok_new" });
        Assert.Equal("allow", stranger.Body.GetProperty("decision").GetString());
        Assert.Equal(JsonValueKind.Null, stranger.Body.TryGetProperty("component", out var c) ? c.ValueKind : JsonValueKind.Null);

        // Nothing was added: the ring still has 30 accounts.
        var member = await GetAsync("/v1/accounts/r0");
        var component = await GetAsync($"/v1/components/{member.GetProperty("component").GetString()}");
        Assert.Equal(30, component.GetProperty("accounts").GetInt32());
    }

    [Theory]
    [InlineData("{}", "ip")]
    [InlineData("""{"ip":"1.2.3"}""", "ip")]
    [InlineData("""{"ip":5}""", "ip")]
    [InlineData("""{"ip":"1.2.3.4","instrument":"4111 1111 1111 1111"}""", "instrument")]
    [InlineData("""{"ip":"1.2.3.4","device":""}""", "device")]
    [InlineData("not json", "body")]
    [InlineData("[1,2]", "body")]
    public async Task SignupCheck_Malformed_Is400NamingTheField(string body, string field)
    {
        var response = await Http.PostAsync("/v1/risk/signup", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(field, JsonDocument.Parse(text).RootElement.GetProperty("field").GetString());
        Assert.DoesNotContain("4111", text);
    }

    [Fact]
    public async Task AccountCheck_AnswersForKnownAccounts_And404ForOthers()
    {
        var ringMember = (await PostAsync("/v1/risk/account", new { account = "r3" })).Body;
        Assert.Equal("deny", ringMember.GetProperty("decision").GetString());
        Assert.False(ringMember.GetProperty("degraded").GetBoolean());
        Assert.Equal("allow", (await PostAsync("/v1/risk/account", new { account = "kid" })).Body.GetProperty("decision").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("/v1/risk/account", new { account = "nobody" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("/v1/risk/account", new { account = "bad id!" })).Status);
    }

    [Fact]
    public async Task Flagged_ListsTheRingAsNdjson_AndNotTheFamily()
    {
        var response = await Http.GetAsync("/v1/flagged");
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"r{i}").Order(), lines.Select(l => l.GetProperty("account").GetString()!).Order());
        Assert.All(lines, l => Assert.Equal("deny", l.GetProperty("decision").GetString()));
    }

    [Fact]
    public async Task MarkingTheProxyRangeBenign_ApprovedByASecondAnalyst_SplitsTheRing_AndTheOldIdSaysSo()
    {
        var before = (await GetAsync("/v1/accounts/r0")).GetProperty("component").GetString()!;
        // Thirty accounts share the range: more than one analyst's say-so (20) can whitelist.
        var request = await PostAsync("/v1/entities/benign", new { kind = "ip_range", entity = "198.51.100.77", who = "ana", why = "our own VPN egress" });
        Assert.Equal(HttpStatusCode.Accepted, request.Status);
        Assert.Equal(before, (await GetAsync("/v1/accounts/r10")).GetProperty("component").GetString());
        var mark = await PostAsync("/v1/entities/benign", new { kind = "ip_range", entity = "198.51.100.0/24", who = "sam", why = "our own VPN egress" });
        Assert.Equal(HttpStatusCode.OK, mark.Status);
        Assert.Equal(before, mark.Body.GetProperty("component").GetString());
        await CaughtUpAsync();

        // Held together only by the range, the ring falls apart into its three card blocks.
        var r0 = (await GetAsync("/v1/accounts/r0")).GetProperty("component").GetString()!;
        var r9 = (await GetAsync("/v1/accounts/r9")).GetProperty("component").GetString()!;
        var r10 = (await GetAsync("/v1/accounts/r10")).GetProperty("component").GetString()!;
        Assert.Equal(r0, r9);
        Assert.NotEqual(r0, r10);
        var piece = await GetAsync($"/v1/components/{r0}");
        Assert.Equal(10, piece.GetProperty("accounts").GetInt32());
        var action = Assert.Single(piece.GetProperty("actions").EnumerateArray());
        Assert.Equal(("mark_entity_benign", "sam", "our own VPN egress"),
            (action.GetProperty("kind").GetString(), action.GetProperty("who").GetString(), action.GetProperty("why").GetString()));
        Assert.Contains(piece.GetProperty("member_entities").EnumerateArray(), e => e.GetProperty("entity").GetString() == "198.51.100.0/24" && e.GetProperty("benign").GetBoolean());

        var old = await Http.GetAsync($"/v1/components/{before}");
        Assert.Equal(HttpStatusCode.Gone, old.StatusCode);
        var splitInto = JsonDocument.Parse(await old.Content.ReadAsStringAsync()).RootElement.GetProperty("split_into").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(r0, splitInto);
        Assert.Contains(r10, splitInto);

        var label = await PostAsync($"/v1/components/{before}/label", new { verdict = "fraud", who = "ana", why = "farm" });
        Assert.Equal(HttpStatusCode.Conflict, label.Status);
        Assert.Contains(r0, label.Body.GetProperty("split_into").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task LabellingTheFamilyBenign_IsRecordedWithWhoWhenAndWhy()
    {
        var family = (await GetAsync("/v1/accounts/mum")).GetProperty("component").GetString()!;
        var label = await PostAsync($"/v1/components/{family}/label", new { verdict = "benign", who = "sam", why = "checked ID" });
        Assert.Equal(HttpStatusCode.OK, label.Status);
        Assert.Equal(3, label.Body.GetProperty("accounts").GetInt32());

        var dad = await GetAsync("/v1/accounts/dad");
        Assert.Equal("benign", dad.GetProperty("label").GetString());
        Assert.Equal("allow", dad.GetProperty("decision").GetString());
        var recorded = Assert.Single((await GetAsync($"/v1/components/{family}")).GetProperty("actions").EnumerateArray());
        Assert.Equal(("label_component", "sam", "checked ID"), (recorded.GetProperty("kind").GetString(), recorded.GetProperty("who").GetString(), recorded.GetProperty("why").GetString()));
        Assert.True(recorded.GetProperty("at").GetDateTime() > DateTime.UtcNow.AddMinutes(-5));

        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync($"/v1/components/{family}/label", new { verdict = "maybe", who = "sam", why = "x" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync($"/v1/components/{family}/label", new { verdict = "fraud", why = "x" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("/v1/components/c-0000000000000000/label", new { verdict = "fraud", who = "sam", why = "x" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("/v1/accounts/nobody/label", new { verdict = "fraud", who = "sam", why = "x" })).Status);
    }

    [Theory]
    [InlineData("/v1/risk/signup", "{\"ip\":\"1.2.3.4\",\"device\":\"ph\xFFne\"}", "device")]
    [InlineData("/v1/risk/signup", "{\"ip\":\"1.2.3.\xC0\"}", "ip")]
    [InlineData("/v1/entities/benign", "{\"kind\":\"instrument\",\"entity\":\"tok_\xFE\",\"who\":\"sam\",\"why\":\"x\"}", "entity")]
    [InlineData("/v1/risk/account", "{\"account\":\"r\xFF\"}", "account")]
    public async Task InvalidUtf8InAStringField_Is400NamingTheField(string path, string latin1Body, string field)
    {
        // Each char of the body is one byte on the wire, so \xFF and friends arrive as invalid UTF-8.
        using var content = new ByteArrayContent(Encoding.Latin1.GetBytes(latin1Body));
        content.Headers.ContentType = new("application/json");
        var response = await Http.PostAsync(path, content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(field, body.GetProperty("field").GetString());
        Assert.Equal($"{field}: not valid UTF-8", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task FlaggedAndAccounts_AgreeOnEveryDecision_AfterLabels()
    {
        var lone = await Http.PostAsync("/v1/events", new StringContent(
            Line(new { type = "signup", account = "loner", at = new DateTime(2026, 5, 2, 0, 0, 0, DateTimeKind.Utc), ip = "203.0.113.50" }),
            Encoding.UTF8, "application/x-ndjson"));
        lone.EnsureSuccessStatusCode();
        var family = (await GetAsync("/v1/accounts/mum")).GetProperty("component").GetString()!;

        // Each label reaches the account's own decision at once; the flagged list must say the same, before and
        // after detection has re-scored the groups the labels changed.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync($"/v1/components/{family}/label", new { verdict = "fraud", who = "sam", why = "stolen card" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/v1/accounts/r7/label", new { verdict = "benign", who = "sam", why = "verified" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/v1/accounts/loner/label", new { verdict = "fraud", who = "sam", why = "chargeback" })).Status);
        await AssertAgreeAsync();
        await CaughtUpAsync();
        await AssertAgreeAsync();

        async Task AssertAgreeAsync()
        {
            var flagged = (await Http.GetStringAsync("/v1/flagged")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => JsonDocument.Parse(l).RootElement)
                .ToDictionary(l => l.GetProperty("account").GetString()!, l => l.GetProperty("decision").GetString()!);
            var accounts = Enumerable.Range(0, 30).Select(i => $"r{i}").Concat(["mum", "dad", "kid", "loner"]);
            foreach (var account in accounts)
            {
                var own = (await GetAsync($"/v1/accounts/{account}")).GetProperty("decision").GetString();
                Assert.Equal((account, own), (account, flagged.GetValueOrDefault(account, "allow")));
            }

            Assert.Equal("deny", flagged["loner"]);
            Assert.Equal("deny", flagged["kid"]);
            Assert.DoesNotContain("r7", flagged.Keys);
        }
    }

    [Fact]
    public async Task ADissolvedRing_StaysDeniedAsRemembered_ItsCardsStayBurned_UntilClearedOrDecayed()
    {
        var before = (await FlaggedAsync())["r0"];
        Assert.True(before.GetProperty("active").GetBoolean());
        var since = before.GetProperty("since").GetDateTime();

        // Six weeks on, every link of the ring has left the 30-day window: the ring falls apart into lone accounts.
        await PostLineAsync(new { type = "signup", account = "later", at = new DateTime(2026, 6, 15, 0, 0, 0, DateTimeKind.Utc), ip = "203.0.113.77" });
        await Eventually.WaitUntilAsync(
            async () => (await GetAsync("/v1/accounts/r0")).GetProperty("component").GetString() != (await GetAsync("/v1/accounts/r1")).GetProperty("component").GetString(),
            TimeSpan.FromSeconds(60), "the ring to dissolve as its links age out");
        await CaughtUpAsync();

        var r0 = await GetAsync("/v1/accounts/r0");
        Assert.Equal("deny", r0.GetProperty("decision").GetString());
        Assert.Equal("remembered", r0.GetProperty("reasons")[0].GetProperty("feature").GetString());
        Assert.Equal("deny", r0.GetProperty("remembered").GetProperty("decision").GetString());
        Assert.Equal(1, (await GetAsync($"/v1/components/{r0.GetProperty("component").GetString()}")).GetProperty("accounts").GetInt32());
        var flagged = await FlaggedAsync();
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"r{i}").Order(), flagged.Keys.Order());
        Assert.All(flagged.Values, l => Assert.Equal(("deny", false), (l.GetProperty("decision").GetString(), l.GetProperty("active").GetBoolean())));
        Assert.Equal(since, flagged["r0"].GetProperty("since").GetDateTime());
        Assert.Equal("deny", (await PostAsync("/v1/risk/account", new { account = "r5" })).Body.GetProperty("decision").GetString());

        // A new account bringing one of the ring's cards is denied, though the card glues no ring any more.
        var signup = await PostAsync("/v1/risk/signup", new { ip = "192.0.2.200", instrument = "tok_farm_2" });
        Assert.Equal("deny", signup.Body.GetProperty("decision").GetString());
        Assert.Contains(signup.Body.GetProperty("reasons").EnumerateArray(), r =>
            r.GetProperty("feature").GetString() == "burned_identifier" && r.GetProperty("entity").GetString()!.Contains("tok_farm_2"));

        // An analyst clears one account; the others stay remembered.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/v1/accounts/r0/clear", new { who = "sam", why = "bought the account back" })).Status);
        Assert.Equal("allow", (await GetAsync("/v1/accounts/r0")).GetProperty("decision").GetString());
        Assert.DoesNotContain("r0", (await FlaggedAsync()).Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("/v1/accounts/nobody/clear", new { who = "sam", why = "x" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("/v1/accounts/r1/clear", new { who = "sam" })).Status);

        // Half a year after the evidence last held, the memory fades: accounts and cards alike.
        await PostLineAsync(new { type = "signup", account = "much-later", at = new DateTime(2026, 11, 15, 0, 0, 0, DateTimeKind.Utc), ip = "203.0.113.78" });
        Assert.Empty(await FlaggedAsync());
        Assert.Equal("allow", (await GetAsync("/v1/accounts/r1")).GetProperty("decision").GetString());
        // A risk check reads at the newest event time its process knows without waiting: at worst one check behind.
        await Eventually.WaitUntilAsync(
            async () => (await PostAsync("/v1/risk/signup", new { ip = "192.0.2.201", instrument = "tok_farm_2" })).Body.GetProperty("decision").GetString() == "allow",
            TimeSpan.FromSeconds(10), "the burned card to fade with the memory");
    }

    [Fact]
    public async Task ACompanyMovingItsWorkingDevelopersOntoANewCard_IsAllowed_WhileBoughtAccountsWokenOntoOneCardAreDenied()
    {
        // Twenty developers signed up over nine months, a laptop each, in one office, each at a rate of their own, at
        // work for ten days before their company moves them all onto a new card and ten days after, weekends off.
        // Twelve accounts signed up over six months on home ranges, silent until their card is attached to all of them
        // within minutes, then run alike from one proxy range. (Twenty developers who all work every one of the twenty
        // days, at the same hours, read as a pipeline that never rests: review, architecture section 12.)
        var events = new List<(DateTime At, object Event)>();
        var jitter = new[] { 0.4, 1.7, 0.9, 1.3, 0.6, 1.5, 1.0, 0.7, 1.2, 0.8 };
        var work = new DateTime(2026, 5, 5, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 20; i++)
        {
            var signup = new DateTime(2025, 8, 1, 9, 0, 0, DateTimeKind.Utc).AddDays(i * 14);
            events.Add((signup, new { type = "signup", account = $"dev{i}", at = signup, ip = $"203.0.113.{i + 1}", device = $"laptop-{i}", id = $"dev{i}-s" }));
            var moved = work.AddDays(10).AddHours(9).AddMinutes(i);
            events.Add((moved, new { type = "payment", account = $"dev{i}", at = moved, instrument = "tok_corp_new", id = $"dev{i}-p" }));
            for (var d = 0; d < 20; d++)
            {
                if (work.AddDays(d).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                {
                    continue;
                }

                var requests = (int)((100 + (60 * i)) * jitter[(d + i) % jitter.Length] / 3);
                foreach (var hour in new[] { 10, 13, 16 })
                {
                    var at = work.AddDays(d).AddHours(hour);
                    events.Add((at, new { type = "usage", account = $"dev{i}", at, ip = $"203.0.113.{i + 1}", device = $"laptop-{i}", requests, category = "coding", id = $"dev{i}-{d}-{hour}" }));
                }
            }
        }

        var woken = work.AddDays(11).AddHours(10);
        for (var j = 0; j < 12; j++)
        {
            var signup = new DateTime(2025, 5, 1, 12, 0, 0, DateTimeKind.Utc).AddDays(j * 15);
            events.Add((signup, new { type = "signup", account = $"aged{j}", at = signup, ip = $"81.{j + 10}.3.7", device = $"old-phone-{j}", id = $"aged{j}-s" }));
            events.Add((woken.AddMinutes(j), new { type = "payment", account = $"aged{j}", at = woken.AddMinutes(j), instrument = "tok_bought", id = $"aged{j}-p" }));
            for (var d = 0; d < 9; d++)
            {
                var at = woken.AddDays(d).AddHours(1);
                events.Add((at, new { type = "usage", account = $"aged{j}", at, ip = $"198.51.101.{j + 1}", requests = 850 + (((j * 7) + (d * 3)) % 40), category = "coding", id = $"aged{j}-{d}" }));
            }
        }

        var body = string.Join('\n', events.OrderBy(e => e.At).Select(e => Line(e.Event)));
        (await Http.PostAsync("/v1/events", new StringContent(body, Encoding.UTF8, "application/x-ndjson"))).EnsureSuccessStatusCode();
        await CaughtUpAsync();

        for (var i = 0; i < 20; i++)
        {
            var developer = await GetAsync($"/v1/accounts/dev{i}");
            Assert.True(developer.GetProperty("decision").GetString() == "allow", $"dev{i}: {developer}");
        }

        for (var j = 0; j < 12; j++)
        {
            Assert.Equal("deny", (await GetAsync($"/v1/accounts/aged{j}")).GetProperty("decision").GetString());
        }
    }

    private async Task<Dictionary<string, JsonElement>> FlaggedAsync() =>
        (await Http.GetStringAsync("/v1/flagged")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(l => l.GetProperty("account").GetString()!);

    private async Task PostLineAsync(object e)
    {
        using var response = await Http.PostAsync("/v1/events", new StringContent(Line(e), Encoding.UTF8, "application/x-ndjson"));
        response.EnsureSuccessStatusCode();
    }

    private async Task CaughtUpAsync() =>
        await Eventually.WaitUntilAsync(
            async () => (await GetAsync("/v1/status")).GetProperty("rebuild_backlog").GetInt32() == 0,
            TimeSpan.FromSeconds(60), "detection to catch up");

    private async Task<JsonElement> GetAsync(string path) => await Http.GetFromJsonAsync<JsonElement>(path);

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, object body)
    {
        var response = await Http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement);
    }

    private static string Line(object e) => JsonSerializer.Serialize(e);
}
