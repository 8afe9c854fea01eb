//! The caller and the people of a member company.

use serde::{Deserialize, Serialize};

use crate::ids::{MemberId, UserId};
use crate::language::Language;
use crate::money::Currency;

/// What a user of a member company may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Owns the member account: sees and changes everything.
    Owner,
    /// Leads the sales team: sees every inquiry and assigns them.
    Manager,
    /// A sales rep: works the inquiries assigned to them.
    Rep,
}

impl Role {
    /// Whether the role sees inquiries assigned to other people.
    pub fn sees_whole_team(self) -> bool {
        matches!(self, Role::Owner | Role::Manager)
    }

    /// Whether the role may assign inquiries to other people.
    pub fn assigns_others(self) -> bool {
        self.sees_whole_team()
    }
}

/// A reference to a user, as embedded in other resources.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserRef {
    /// The user's id.
    pub id: UserId,
    /// Display name, e.g. "Li Wei".
    pub name: String,
}

/// A user of a member company.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    /// The user's id.
    pub id: UserId,
    /// Display name.
    pub name: String,
    /// Sign-in e-mail address.
    pub email: String,
    /// What the user may do.
    pub role: Role,
    /// Preferred interface language.
    pub language: Language,
    /// Whether the user can still be assigned work.
    pub active: bool,
    /// How many open inquiries (new, open, quoted) are assigned to the user.
    pub open_inquiries: u32,
}

/// `GET /users`: the member's people, for assignment pickers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserList {
    /// Every user of the caller's member company, by name.
    pub items: Vec<User>,
}

/// A member company (the seller, the tenant).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Member {
    /// The member's id.
    pub id: MemberId,
    /// Legal or trading name, e.g. "Ningbo Brightway Lighting Co., Ltd.".
    pub name: String,
    /// The currency the member reports in; won and quoted values are converted to it.
    pub currency: Currency,
    /// The portal's response target: a first reply is due this many hours after an
    /// inquiry arrives.
    pub response_target_hours: u32,
}

/// `GET /me`: who the bearer token belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    /// The calling user.
    pub user: User,
    /// The member company the user works for; every query is scoped to it.
    pub member: Member,
    /// The user's preferred interface language.
    pub language: Language,
}
