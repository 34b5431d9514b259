//! Who may curate: a member with the guild's coach role (`/dojo config`)
//! or the Manage Server permission. Coach commands are hidden from trainees
//! by their default permissions, and checked again here at run time, since
//! a server can grant a hidden command to anyone.

use poise::serenity_prelude as serenity;

use super::i18n::tr;
use super::{call, error, BotError, Context, Data};
use crate::app::library::LibraryError;
use crate::app::{App, AppError};
use crate::lang::Lang;
use crate::library::Issue;

/// The default member permissions of coach commands: hidden from trainees
/// until a server grants them to the coach role in its settings.
pub const DEFAULT_PERMISSIONS: serenity::Permissions = serenity::Permissions::MANAGE_GUILD;

/// Whether a member with `roles` and `permissions` may curate, given the
/// guild's configured coach role.
pub fn is_coach(
    roles: &[serenity::RoleId],
    permissions: Option<serenity::Permissions>,
    coach_role: Option<u64>,
) -> bool {
    let manager = permissions.is_some_and(|p| p.administrator() || p.manage_guild());
    let has_role = coach_role.is_some_and(|role| roles.iter().any(|r| r.get() == role));
    manager || has_role
}

/// The poise check of every coach command: passes coaches, refuses anyone
/// else with a message saying what they lack (only they see it).
pub async fn check(ctx: Context<'_>) -> Result<bool, BotError> {
    let lang = lang(ctx);
    let guild = guild(ctx)?;
    let member = ctx.author_member().await;
    let (roles, permissions) = match &member {
        Some(m) => (m.roles.clone(), m.permissions),
        None => (Vec::new(), None),
    };
    let coach_role = coach_role(ctx.data(), guild, lang).await?;
    if is_coach(&roles, permissions, coach_role) {
        return Ok(true);
    }
    tracing::info!(
        command = %ctx.command().qualified_name,
        user = ctx.author().id.get(),
        guild,
        "coach command refused"
    );
    let command = ctx.command();
    let name = match &command.context_menu_name {
        Some(menu) => format!("*{menu}*"),
        None => format!("/{}", command.qualified_name),
    };
    Err(BotError::User(refusal(lang, &name, coach_role)))
}

/// The same decision for a button or a form: refuses non-coaches.
pub async fn require_member(
    data: &Data,
    guild: u64,
    member: Option<&serenity::Member>,
    lang: Lang,
) -> Result<(), BotError> {
    let coach_role = coach_role(data, guild, lang).await?;
    let (roles, permissions) = match member {
        Some(m) => (m.roles.as_slice(), m.permissions),
        None => (&[][..], None),
    };
    if is_coach(roles, permissions, coach_role) {
        Ok(())
    } else {
        Err(BotError::User(refusal(lang, "", coach_role)))
    }
}

async fn coach_role(data: &Data, guild: u64, lang: Lang) -> Result<Option<u64>, BotError> {
    let config = call::app(&data.app, lang, "reading the guild settings", move |app| {
        app.guild_config(guild)
    })
    .await?;
    Ok(config.coach_role)
}

/// What a refused member reads; `command` is how to name what they tried
/// (`/objection add`), empty for a button.
pub fn refusal(lang: Lang, command: &str, coach_role: Option<u64>) -> String {
    let what = if command.is_empty() {
        tr(lang, "this", "cela")
    } else {
        command
    };
    match (lang, coach_role) {
        (Lang::En, Some(role)) => format!(
            "Only coaches can use {what}: you need the <@&{role}> role or the Manage Server permission. Nothing was changed."
        ),
        (Lang::En, None) => format!(
            "Only coaches can use {what}: you need the Manage Server permission (a server manager can name a coach role with /dojo config). Nothing was changed."
        ),
        (Lang::Fr, Some(role)) => format!(
            "Seuls les coachs peuvent utiliser {what} : il vous faut le rôle <@&{role}> ou la permission Gérer le serveur. Rien n'a été modifié."
        ),
        (Lang::Fr, None) => format!(
            "Seuls les coachs peuvent utiliser {what} : il vous faut la permission Gérer le serveur (un gestionnaire du serveur peut désigner un rôle coach avec /dojo config). Rien n'a été modifié."
        ),
    }
}

/// Runs a curation use case off the runtime; a refused change lists every
/// problem, one per line, and says that nothing changed.
pub async fn run<T, F>(data: &Data, lang: Lang, what: &'static str, f: F) -> Result<T, BotError>
where
    T: Send + 'static,
    F: FnOnce(&App) -> Result<T, AppError> + Send + 'static,
{
    call::raw(&data.app, what, f)
        .await?
        .map_err(|err| curation_error(err, lang, what))
}

/// The bot error for a failed curation use case.
pub fn curation_error(err: AppError, lang: Lang, what: &'static str) -> BotError {
    let issues = match &err {
        AppError::Library(LibraryError::Invalid(invalid)) => invalid.0.clone(),
        AppError::Library(LibraryError::Exchange(exchange)) => exchange.issues(),
        _ => return call::bot_error(err, lang, what),
    };
    BotError::User(problems(&issues, lang))
}

/// Every problem as a bullet line, under a sentence saying nothing changed.
pub fn problems(issues: &[Issue], lang: Lang) -> String {
    let n = issues.len();
    let mut text = match lang {
        Lang::En => format!(
            "Nothing was changed: {n} problem{} to fix.",
            if n == 1 { "" } else { "s" }
        ),
        Lang::Fr => format!(
            "Rien n'a été modifié : {n} problème{} à corriger.",
            if n == 1 { "" } else { "s" }
        ),
    };
    for issue in issues {
        text.push_str("\n• ");
        text.push_str(&issue.to_string());
    }
    text
}

/// The language to answer the invoking member in.
pub fn lang(ctx: Context<'_>) -> Lang {
    error::lang_of(ctx.locale())
}

/// What a member reads when a coach feature is used outside a server.
pub const SERVER_ONLY: &str =
    "This only works in a server. / Cela ne fonctionne que sur un serveur.";

/// The guild the command runs in (coach commands are guild-only).
pub fn guild(ctx: Context<'_>) -> Result<u64, BotError> {
    ctx.guild_id()
        .map(|g| g.get())
        .ok_or_else(|| BotError::user(SERVER_ONLY))
}

/// How the audit trail and counter-arguments name a member: a mention,
/// which Discord shows as their current name (and never pings, replies
/// allow no mentions).
pub fn actor(user: &serenity::User) -> String {
    mention(user.id.get())
}

/// A user mention for an id.
pub fn mention(id: u64) -> String {
    format!("<@{id}>")
}

/// A trainee as shown: a mention when it is a Discord user id (debates
/// from the terminal carry a name instead), else the name as is.
pub fn mention_id(trainee: &str) -> String {
    match trainee.parse::<u64>() {
        Ok(id) => mention(id),
        Err(_) => trainee.to_string(),
    }
}

/// The members of a guild from the cache who are trainees: not bots, not
/// coaches; with `role`, only its holders. Empty when the cache has no
/// member list (Discord sends one only with the members intent).
pub fn trainees_in(
    ctx: &serenity::Context,
    guild: serenity::GuildId,
    coach_role: Option<u64>,
    role: Option<u64>,
) -> Vec<String> {
    let Some(guild) = ctx.cache.guild(guild) else {
        return Vec::new();
    };
    let mut ids: Vec<String> = guild
        .members
        .values()
        .filter(|m| !m.user.bot && guild.owner_id != m.user.id)
        .filter(|m| match role {
            Some(r) => m.roles.iter().any(|id| id.get() == r),
            None => !is_coach(&m.roles, Some(base_permissions(&guild, m)), coach_role),
        })
        .map(|m| m.user.id.get().to_string())
        .collect();
    ids.sort();
    ids
}

/// A member's guild-wide permissions: @everyone's and their roles'.
fn base_permissions(guild: &serenity::Guild, member: &serenity::Member) -> serenity::Permissions {
    let everyone = serenity::RoleId::new(guild.id.get());
    guild
        .roles
        .values()
        .filter(|r| r.id == everyone || member.roles.contains(&r.id))
        .fold(serenity::Permissions::empty(), |acc, r| acc | r.permissions)
}

/// Reads a member's display name for text that cannot hold a mention
/// (autocomplete choices): the cached nickname or user name, else the id.
pub fn display_name(ctx: &serenity::Context, guild: Option<serenity::GuildId>, id: &str) -> String {
    let Ok(user) = id.parse::<u64>().map(serenity::UserId::new) else {
        return id.to_string();
    };
    let from_guild = guild.and_then(|g| {
        let cached = ctx.cache.guild(g)?;
        let member = cached.members.get(&user)?;
        Some(member.display_name().to_string())
    });
    from_guild
        .or_else(|| ctx.cache.user(user).map(|u| u.name.clone()))
        .unwrap_or_else(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const COACH: u64 = 77;

    fn roles(ids: &[u64]) -> Vec<serenity::RoleId> {
        ids.iter().map(|id| serenity::RoleId::new(*id)).collect()
    }

    #[test]
    fn the_coach_role_or_manage_server_passes_nobody_else() {
        let none = Some(serenity::Permissions::SEND_MESSAGES);
        assert!(is_coach(&roles(&[5, COACH]), none, Some(COACH)));
        assert!(!is_coach(&roles(&[5]), none, Some(COACH)));
        assert!(
            !is_coach(&roles(&[COACH]), none, None),
            "a role counts only once configured"
        );
        let manager = Some(serenity::Permissions::MANAGE_GUILD);
        assert!(is_coach(&[], manager, None));
        assert!(is_coach(
            &[],
            Some(serenity::Permissions::ADMINISTRATOR),
            Some(COACH)
        ));
        assert!(
            !is_coach(&[], None, Some(COACH)),
            "unknown permissions refuse"
        );
    }

    #[test]
    fn refusals_say_what_is_missing_in_the_members_language() {
        let en = refusal(Lang::En, "/objection add", Some(COACH));
        assert!(
            en.contains("/objection add") && en.contains("<@&77>"),
            "{en}"
        );
        let fr = refusal(Lang::Fr, "/library import", None);
        assert!(
            fr.contains("Gérer le serveur") && fr.contains("Rien n'a été modifié"),
            "{fr}"
        );
    }
}
