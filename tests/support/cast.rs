//! The cast of every fake guild: roles (@everyone, Coach, Manager, the
//! bot's), a `#sparring` channel, and the owner, bot, trainee, coach and
//! manager as members.

use serenity::model::Permissions;

use super::world::{kind, ChannelSpec, FakeUser, GuildSpec, MemberSpec, RoleSpec, World};
use super::{Config, GuildRef, State};

/// Adds a user to the world.
pub fn new_user(world: &mut World, id: u64, name: &str, bot: bool) -> FakeUser {
    let user = FakeUser {
        id,
        name: name.to_string(),
        bot,
    };
    world.users.insert(id, user.clone());
    user
}

/// Makes a user a member of a guild with these roles.
pub fn add_member(world: &mut World, guild_id: u64, user_id: u64, roles: &[u64]) {
    if let Some(g) = world.guilds.iter_mut().find(|g| g.id == guild_id) {
        g.members.retain(|m| m.user_id != user_id);
        g.members.push(MemberSpec {
            user_id,
            roles: roles.to_vec(),
        });
    }
}

/// A text channel.
pub fn text_channel(id: u64, guild_id: u64, name: &str) -> ChannelSpec {
    ChannelSpec {
        id,
        guild_id,
        kind: kind::TEXT,
        name: name.to_string(),
        parent_id: None,
        owner_id: None,
        archived: false,
        locked: false,
        invitable: false,
        auto_archive_duration: 0,
        thread_members: Vec::new(),
    }
}

/// What every member may do in the fake's guilds.
pub fn everyone_permissions() -> Permissions {
    Permissions::VIEW_CHANNEL
        | Permissions::SEND_MESSAGES
        | Permissions::READ_MESSAGE_HISTORY
        | Permissions::USE_APPLICATION_COMMANDS
        | Permissions::SEND_MESSAGES_IN_THREADS
        | Permissions::CREATE_PUBLIC_THREADS
        | Permissions::CREATE_PRIVATE_THREADS
        | Permissions::ADD_REACTIONS
        | Permissions::EMBED_LINKS
        | Permissions::ATTACH_FILES
}

/// A guild with @everyone, Coach, Manager and the bot's role, a text
/// channel, the owner, the bot and `cast` (trainee, coach, manager).
pub fn build_guild(
    state: &mut State,
    name: &str,
    config: &Config,
    cast: &[&FakeUser; 3],
) -> GuildRef {
    let id = state.next_id();
    let channel_id = state.next_id();
    let coach_role_id = state.next_id();
    let manager_role_id = state.next_id();
    let bot_role_id = state.next_id();
    let role = |id, name: &str, permissions, position, managed| RoleSpec {
        id,
        name: name.to_string(),
        permissions,
        position,
        managed,
    };
    let bot_permissions =
        everyone_permissions() | Permissions::MANAGE_THREADS | Permissions::MANAGE_MESSAGES;
    let [trainee, coach, manager] = cast;
    state.world.guilds.push(GuildSpec {
        id,
        name: name.to_string(),
        owner_id: config.owner.id,
        roles: vec![
            role(id, "@everyone", everyone_permissions(), 0, false),
            role(coach_role_id, "Coach", Permissions::empty(), 1, false),
            role(
                manager_role_id,
                "Manager",
                Permissions::MANAGE_GUILD,
                2,
                false,
            ),
            role(bot_role_id, &config.bot.name, bot_permissions, 3, true),
        ],
        members: vec![
            MemberSpec {
                user_id: config.owner.id,
                roles: vec![],
            },
            MemberSpec {
                user_id: config.bot.id,
                roles: vec![bot_role_id],
            },
            MemberSpec {
                user_id: trainee.id,
                roles: vec![],
            },
            MemberSpec {
                user_id: coach.id,
                roles: vec![coach_role_id],
            },
            MemberSpec {
                user_id: manager.id,
                roles: vec![manager_role_id],
            },
        ],
    });
    state
        .world
        .channels
        .insert(channel_id, text_channel(channel_id, id, "sparring"));
    GuildRef {
        id,
        channel_id,
        coach_role_id,
        manager_role_id,
    }
}
