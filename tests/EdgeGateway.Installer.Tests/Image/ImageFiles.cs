using EdgeGateway.Testing.Tools;

namespace EdgeGateway.Installer.Tests.Image;

/// <summary>Paths of the on-device files under firmware/image in this checkout.</summary>
internal static class ImageFiles
{
    public static string Root => Path.Combine(TestArtifacts.RepositoryRoot(), "firmware", "image");

    public static string Unit(string name) => Path.Combine(Root, "systemd", name);

    public static string FirstBootScript => Path.Combine(Root, "bin", "edgegw-firstboot");
}
