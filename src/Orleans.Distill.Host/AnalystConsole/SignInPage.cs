using System.Text.Encodings.Web;

namespace Orleans.Distill.Host.AnalystConsole;

/// <summary>The sign-in form, the one console page rendered on the server: it carries an antiforgery token.</summary>
public static class SignInPage
{
    public static IResult Render(string antiforgeryToken, string? problem, int statusCode = StatusCodes.Status200OK)
    {
        var html = HtmlEncoder.Default;
        var message = problem is null ? "" : $"""<p class="problem" role="alert" id="signin-problem">{html.Encode(problem)}</p>""";
        var page = $"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Sign in · Orleans.Distill console</title>
              <link rel="stylesheet" href="/console/css/console.css">
            </head>
            <body class="signin">
              <main>
                <h1>Orleans.Distill</h1>
                <p>Sign in with your own API key (<code>Orleans.Distill.Cli keys add NAME --role analyst</code>).</p>
                {message}
                <form method="post" action="/console/signin" autocomplete="off">
                  <input type="hidden" name="{ConsoleAntiforgery.FormFieldName}" value="{html.Encode(antiforgeryToken)}">
                  <label for="key">API key</label>
                  <input id="key" name="key" type="password" required autofocus spellcheck="false">
                  <button type="submit">Sign in</button>
                </form>
              </main>
            </body>
            </html>
            """;
        return Results.Content(page, "text/html; charset=utf-8", statusCode: statusCode);
    }
}
