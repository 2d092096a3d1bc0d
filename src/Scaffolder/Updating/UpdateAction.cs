namespace MlPipeline.Scaffolder.Updating;

/// <summary>What <c>mlpipeline update</c> does with one file, decided from the three trees (base, theirs, ours).</summary>
internal enum UpdateAction
{
    /// <summary>The project already holds what the update would give: nothing to do.</summary>
    Unchanged,

    /// <summary>The user did not change it: it becomes the template's new file.</summary>
    Updated,

    /// <summary>Only the user changed it (the template's file is the same in both versions): kept as it is.</summary>
    KeptUserChange,

    /// <summary>Both changed it in different places: a clean three-way line merge.</summary>
    Merged,

    /// <summary>Both changed the same lines: written with conflict markers.</summary>
    Conflict,

    /// <summary>Both changed a binary file: the user's file is kept and the conflict listed (never merged line by line).</summary>
    BinaryConflict,

    /// <summary>The template makes a new file: added.</summary>
    Added,

    /// <summary>The template makes a new file where the user has another one: both written with conflict markers.</summary>
    AddConflict,

    /// <summary>The template no longer makes the file and the user did not change it: deleted.</summary>
    Deleted,

    /// <summary>The template no longer makes the file but the user changed it: kept and listed.</summary>
    KeptRemovedByTemplate,

    /// <summary>The user deleted the file: it stays deleted (listed).</summary>
    KeptDeletedByUser,
}
