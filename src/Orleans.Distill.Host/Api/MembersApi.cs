using System.Globalization;
using System.Text;
using Orleans.Distill.Host.Security;
using Orleans.Distill.Queries;

namespace Orleans.Distill.Host.Api;

/// <summary>
/// <c>GET /v1/components/{id}/members</c>: a component's accounts, each with its own decision, as JSON or as CSV for
/// a spreadsheet.
/// </summary>
public static class MembersApi
{
    public const string CsvContentType = "text/csv";

    public static IEndpointRouteBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/components/{id}/members", GetMembers).RequireAuthorization(ApiPolicies.Analyst);
        return app;
    }

    private static async Task<IResult> GetMembers(string id, HttpRequest request, ReviewLookups lookups)
    {
        var format = request.Query["format"].ToString();
        if (format is not ("" or "json" or "csv"))
        {
            return Results.BadRequest(new ErrorResponse("format: must be json or csv", "format"));
        }

        var found = await lookups.MembersAsync(id);
        if (found is null)
        {
            return DistillApi.NotFound($"component '{id}' is not known");
        }

        if (found.SplitInto.Count > 0)
        {
            return DistillApi.Split(id, found.SplitInto, StatusCodes.Status410Gone);
        }

        var members = found.Members.Select(m => new MemberModel(
                m.Account.Account, m.Assessment.Score, m.Assessment.Decision, m.Account.Label, m.Account.SignupAt,
                m.Account.FirstSeen, m.Account.LastSeen, m.Account.Requests, m.Account.Tokens, m.Account.Links.Count,
                [.. m.ActiveDays.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))]))
            .ToList();
        if (format == "csv")
        {
            var headers = request.HttpContext.Response.Headers;
            headers.ContentDisposition = $"attachment; filename=\"{found.Id}-members.csv\"";
            return Results.Text(Csv(members), CsvContentType, Encoding.UTF8);
        }

        return Results.Ok(new MembersModel(found.Id, members, found.Id == id ? null : id));
    }

    private static string Csv(IEnumerable<MemberModel> members)
    {
        var csv = new StringBuilder("account,decision,score,label,signup_at,first_seen,last_seen,requests,tokens,links\r\n");
        foreach (var m in members)
        {
            csv.Append(Cell(m.Account)).Append(',')
                .Append(m.Decision.ToString().ToLowerInvariant()).Append(',')
                .Append(m.Score.ToString("0.####", CultureInfo.InvariantCulture)).Append(',')
                .Append(m.Label?.ToString().ToLowerInvariant()).Append(',')
                .Append(Time(m.SignupAt)).Append(',')
                .Append(Time(m.FirstSeen)).Append(',')
                .Append(Time(m.LastSeen)).Append(',')
                .Append(m.Requests.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(m.Tokens.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(m.Links.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>
    /// Account ids are chosen by whoever signs up: one starting with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> would be a
    /// formula to a spreadsheet, so it is written as text.
    /// </summary>
    private static string Cell(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;

    private static string Time(DateTime? at) =>
        at is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";
}
