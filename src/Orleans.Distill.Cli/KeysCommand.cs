using System.CommandLine;
using Orleans.Distill.Security;

namespace Orleans.Distill.Cli;

/// <summary>
/// <c>keys add|list|revoke</c>: the API keys file the host reads with <c>--keys</c>. A new key is printed once, on
/// standard output; the file keeps only its salted hash, its name, its role and when it was made.
/// </summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var file = new Option<FileInfo>("--file") { Description = "The keys file (the host's --keys)", Required = true };

        var name = new Argument<string>("NAME") { Description = "Whose key: one per person or service, named for them" };
        var role = new Option<string>("--role") { Description = "ingest, risk, analyst or admin", Required = true };
        var add = new Command("add", "Create a key and print it once") { name, role, file };
        add.SetAction(async (result, _) =>
        {
            if (!ApiKeyRoles.TryParse(result.GetValue(role), out var parsed))
            {
                await Console.Error.WriteLineAsync($"--role: '{result.GetValue(role)}' is not a role; use ingest, risk, analyst or admin");
                return 2;
            }

            return await ChangeAsync(result.GetValue(file)!, keys =>
            {
                var (record, key) = keys.Add(result.GetValue(name)!, parsed, DateTime.UtcNow);
                Console.WriteLine(key);
                Console.Error.WriteLine($"Key '{record.Name}' ({record.Role.Name()}) added; it is shown only this once.");
            });
        });

        var list = new Command("list", "List the keys: name, role, created") { file };
        list.SetAction(async (result, _) =>
        {
            var keys = await LoadAsync(result.GetValue(file)!);
            if (keys is null)
            {
                return 2;
            }

            foreach (var key in keys.Keys.OrderBy(k => k.Name, StringComparer.Ordinal))
            {
                Console.WriteLine($"{key.Name}\t{key.Role.Name()}\t{key.Created:yyyy-MM-ddTHH:mm:ssZ}");
            }

            return 0;
        });

        var revokeName = new Argument<string>("NAME") { Description = "The key to remove" };
        var revoke = new Command("revoke", "Remove a key; a running host stops accepting it within seconds") { revokeName, file };
        revoke.SetAction(async (result, _) =>
        {
            var who = result.GetValue(revokeName)!;
            return await ChangeAsync(result.GetValue(file)!, keys =>
            {
                if (!keys.Revoke(who))
                {
                    throw new ArgumentException($"NAME: no key named '{who}'");
                }

                Console.Error.WriteLine($"Key '{who}' revoked.");
            });
        });

        return new Command("keys", "Manage the API keys file") { add, list, revoke };
    }

    private static async Task<int> ChangeAsync(FileInfo file, Action<ApiKeyFile> change)
    {
        var keys = await LoadAsync(file);
        if (keys is null)
        {
            return 2;
        }

        try
        {
            change(keys);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        keys.Save(file.FullName);
        return 0;
    }

    private static async Task<ApiKeyFile?> LoadAsync(FileInfo file)
    {
        try
        {
            return ApiKeyFile.Load(file.FullName);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"--file: {e.Message}");
            return null;
        }
    }
}
