namespace Tally.Documents;

/// <summary>
/// Lists the files under a folder, recursively, by real path: symbolic links are followed, but every real folder is
/// entered once and every real file listed once, so a link back up the tree (a loop) or a second link to the same
/// place adds nothing. Hidden and system entries are skipped. The files come back under the path they were found by
/// (the folder as given, then the names walked), in ordinal order of that path; the first path found in a walk that
/// visits each folder's entries in name order is the one kept.
/// Used by <see cref="DocumentReader"/> (what to read) and <see cref="Tally.Ledger.Ingestor.Estimate"/> (how many).
/// </summary>
public static class FolderWalker
{
    /// <summary>Most symbolic links followed while resolving one path (as Linux's ELOOP).</summary>
    private const int MaxLinkHops = 40;

    private static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false, IgnoreInaccessible = false, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
        ReturnSpecialDirectories = false,
    };

    /// <summary>
    /// The files under <paramref name="folder"/>. <paramref name="onProblem"/> gets the path and reason of a link that
    /// leads nowhere (or in a circle) and of a folder that cannot be listed; the walk goes on. Throws only when
    /// <paramref name="folder"/> itself cannot be listed.
    /// </summary>
    public static List<string> Files(string folder, Action<string, string>? onProblem = null)
    {
        var rootReal = RealPath(folder);
        var seenFolders = new HashSet<string>(StringComparer.Ordinal) { rootReal };
        var seenFiles = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<string>();
        var pending = new Stack<(string Shown, string Real)>();
        pending.Push((folder, rootReal));
        bool first = true;
        while (pending.Count > 0)
        {
            var (shown, real) = pending.Pop();
            List<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(real).EnumerateFileSystemInfos("*", OneLevel).ToList();
            }
            catch (Exception e) when (!first && e is IOException or UnauthorizedAccessException)
            {
                onProblem?.Invoke(shown, "cannot list folder: " + e.Message);
                continue;
            }
            first = false;
            entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            var subfolders = new List<(string, string)>();
            foreach (var e in entries)
            {
                var entryShown = Path.Join(shown, e.Name);
                var entryReal = Path.Join(real, e.Name);
                bool isFolder = e is DirectoryInfo;
                if ((e.Attributes & FileAttributes.ReparsePoint) != 0 && e.LinkTarget is { } linkTarget)
                {
                    try { entryReal = RealPath(entryReal); }
                    catch (IOException x)
                    {
                        onProblem?.Invoke(entryShown, "cannot read: " + x.Message);
                        continue;
                    }
                    if (Directory.Exists(entryReal)) isFolder = true;
                    else if (File.Exists(entryReal)) isFolder = false;
                    else
                    {
                        onProblem?.Invoke(entryShown, "cannot read: symbolic link to nothing (" + linkTarget + ")");
                        continue;
                    }
                }
                if (isFolder)
                {
                    if (seenFolders.Add(entryReal)) subfolders.Add((entryShown, entryReal));
                }
                else if (seenFiles.Add(entryReal)) files.Add(entryShown);
            }
            // Pushed in reverse so that they are walked in name order.
            for (int i = subfolders.Count - 1; i >= 0; i--) pending.Push(subfolders[i]);
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>
    /// The path with every symbolic link in it resolved, and "." and ".." taken as the file system does (after the
    /// link before them is followed). Throws <see cref="IOException"/> for a chain of more than 40 links (a loop).
    /// A part that does not exist is kept as written.
    /// </summary>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "";
        var parts = new Stack<string>();
        foreach (var part in Parts(full[root.Length..]).Reverse()) parts.Push(part);
        var current = root;
        int hops = 0;
        while (parts.Count > 0)
        {
            var part = parts.Pop();
            if (part == ".") continue;
            if (part == "..") { current = Path.GetDirectoryName(current) ?? current; continue; }
            var next = Path.Join(current, part);
            string? target = null;
            try { target = new FileInfo(next).LinkTarget; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            if (target is null) { current = next; continue; }
            if (++hops > MaxLinkHops) throw new IOException($"symbolic link loop (more than {MaxLinkHops} links to follow)");
            // The target's parts come next, from the root when it is absolute, else from the folder that holds the link.
            var targetRoot = Path.IsPathRooted(target) ? Path.GetPathRoot(target) ?? "" : "";
            foreach (var t in Parts(target[targetRoot.Length..]).Reverse()) parts.Push(t);
            if (targetRoot.Length > 0) current = targetRoot;
        }
        return current;
    }

    private static IEnumerable<string> Parts(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
