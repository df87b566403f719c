using System.Text.Json;
using Linkage.Core.Model;
using Linkage.Core.Normalisation;

namespace Linkage.Formats.Canonical;

/// <summary>Reads the settings document of formats.md; every field is optional.</summary>
public static class SettingsReader
{
    public static LinkageSettings ReadFile(string path)
    {
        using FileStream stream = InputFiles.OpenForReading(path);
        return Read(stream, path);
    }

    public static LinkageSettings Read(Stream json, string fileName)
    {
        SettingsDto dto;
        try
        {
            dto = JsonSerializer.Deserialize(json, CanonicalJsonContext.Default.SettingsDto) ?? new SettingsDto();
        }
        catch (JsonException ex)
        {
            (string place, string problem) = JsonErrors.Describe(ex);
            throw new InputException(fileName, place, problem, ex);
        }

        var defaults = new LinkageSettings();
        if (dto.DealWindowDays is < 0)
        {
            throw new InputException(fileName, "$.dealWindowDays", "must be zero or more days");
        }

        if (dto.MaxDealsPerActivity is < 0)
        {
            throw new InputException(fileName, "$.maxDealsPerActivity", "must be zero or more");
        }

        foreach ((int? value, string field) in new[] { (dto.CrmApiDailyBudget, "crmApiDailyBudget"), (dto.CrmApiRunBudget, "crmApiRunBudget") })
        {
            if (value is < 0)
            {
                throw new InputException(fileName, "$." + field, "must be zero or more API calls");
            }
        }

        if (dto.CrmApiNegativeCacheHours is < 0 or double.NaN)
        {
            throw new InputException(fileName, "$.crmApiNegativeCacheHours", "must be zero or more hours");
        }

        string region = dto.DefaultPhoneRegion?.Trim().ToUpperInvariant() ?? defaults.DefaultPhoneRegion;
        if (!PhoneNumber.IsSupportedRegion(region))
        {
            throw new InputException(fileName, "$.defaultPhoneRegion", $"'{dto.DefaultPhoneRegion}' is not an ISO 3166 region the phone library knows");
        }

        return new LinkageSettings
        {
            CompanyDomains = dto.CompanyDomains ?? [],
            SpamAddresses = dto.SpamAddresses ?? [],
            SpamDomains = dto.SpamDomains ?? [],
            AutomatedLocalParts = dto.AutomatedLocalParts,
            PublicEmailDomains = dto.PublicEmailDomains ?? [],
            DealWindowDays = dto.DealWindowDays ?? defaults.DealWindowDays,
            UseContactRoles = dto.UseContactRoles ?? defaults.UseContactRoles,
            UseDealOwner = dto.UseDealOwner ?? defaults.UseDealOwner,
            MaxDealsPerActivity = dto.MaxDealsPerActivity ?? defaults.MaxDealsPerActivity,
            DefaultPhoneRegion = region,
            CrmApiDailyBudget = dto.CrmApiDailyBudget ?? defaults.CrmApiDailyBudget,
            CrmApiRunBudget = dto.CrmApiRunBudget ?? defaults.CrmApiRunBudget,
            CrmApiNegativeCacheHours = dto.CrmApiNegativeCacheHours ?? defaults.CrmApiNegativeCacheHours,
        };
    }
}
