namespace Musubi.Tests;

public class SmokeTests
{
    [Fact]
    public void Schema_catalog_loads() => Assert.NotNull(Musubi.Schemas.SchemaCatalog.Default);
}
