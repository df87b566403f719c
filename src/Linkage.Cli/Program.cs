using Linkage.Cli;

return await LinkageCommand.RunAsync(args, Console.OpenStandardOutput(), Console.Error, Console.IsErrorRedirected).ConfigureAwait(false);
