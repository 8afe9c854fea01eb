//! The two demo member companies and their users, with the well-known demo tokens.

use contract::language::Language::{English, SimplifiedChinese};
use contract::user::Role::{Manager, Owner, Rep};

use super::UserSeed;

/// Ningbo Brightway Lighting: owner, manager and three reps. The reps own customers and
/// get inquiries assigned; `li-wei` owns Müller Handels GmbH.
#[rustfmt::skip]
pub(super) const BRIGHTWAY_USERS: &[UserSeed] = &[
    ("chen-jing", "Chen Jing (陈静)", "chen.jing@brightway-lighting.cn", Owner, SimplifiedChinese, Some("demo-brightway-owner")),
    ("zhang-min", "Zhang Min", "zhang.min@brightway-lighting.cn", Manager, SimplifiedChinese, Some("demo-brightway-manager")),
    ("li-wei", "Li Wei", "li.wei@brightway-lighting.cn", Rep, English, Some("demo-brightway-rep")),
    ("wang-fang", "Wang Fang", "wang.fang@brightway-lighting.cn", Rep, English, Some("demo-brightway-rep2")),
    ("zhao-lei", "Zhao Lei", "zhao.lei@brightway-lighting.cn", Rep, SimplifiedChinese, None),
];

/// Yiwu Evergreen Homeware: the second tenant, there so that scoping between members
/// can be seen and tested.
#[rustfmt::skip]
pub(super) const EVERGREEN_USERS: &[UserSeed] = &[
    ("lin-xiaoyan", "Lin Xiaoyan (林晓燕)", "lin.xiaoyan@evergreen-homeware.cn", Owner, SimplifiedChinese, Some("demo-evergreen-owner")),
    ("xu-ming", "Xu Ming", "xu.ming@evergreen-homeware.cn", Manager, English, Some("demo-evergreen-manager")),
    ("sun-yue", "Sun Yue", "sun.yue@evergreen-homeware.cn", Rep, English, Some("demo-evergreen-rep")),
];
