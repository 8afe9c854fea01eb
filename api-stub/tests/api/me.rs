//! `GET /api/v1/me`.

use contract::language::Language;
use contract::user::{Me, Role};

use crate::support::TestApp;

#[tokio::test]
async fn me_describes_every_demo_user() {
    let test_app = TestApp::seeded().await;
    let brightway = "Ningbo Brightway Lighting Co., Ltd.";
    let evergreen = "Yiwu Evergreen Homeware Co., Ltd.";
    let expected = [
        (
            "demo-brightway-owner",
            "Chen Jing (陈静)",
            Role::Owner,
            brightway,
            Language::SimplifiedChinese,
        ),
        (
            "demo-brightway-manager",
            "Zhang Min",
            Role::Manager,
            brightway,
            Language::SimplifiedChinese,
        ),
        (
            "demo-brightway-rep",
            "Li Wei",
            Role::Rep,
            brightway,
            Language::English,
        ),
        (
            "demo-brightway-rep2",
            "Wang Fang",
            Role::Rep,
            brightway,
            Language::English,
        ),
        (
            "demo-evergreen-owner",
            "Lin Xiaoyan (林晓燕)",
            Role::Owner,
            evergreen,
            Language::SimplifiedChinese,
        ),
        (
            "demo-evergreen-manager",
            "Xu Ming",
            Role::Manager,
            evergreen,
            Language::English,
        ),
        (
            "demo-evergreen-rep",
            "Sun Yue",
            Role::Rep,
            evergreen,
            Language::English,
        ),
    ];
    for (token, name, role, member, language) in expected {
        let me: Me = test_app.get_json("/api/v1/me", token).await;
        assert_eq!(me.user.name, name, "{token}");
        assert_eq!(me.user.role, role, "{token}");
        assert_eq!(me.member.name, member, "{token}");
        assert_eq!(me.language, language, "{token}");
        assert!(me.user.email.contains('@'));
    }
}

#[tokio::test]
async fn me_counts_the_caller_s_open_inquiries_and_the_response_target() {
    let test_app = TestApp::seeded().await;
    for token in [
        "demo-brightway-rep",
        "demo-brightway-owner",
        "demo-evergreen-rep",
    ] {
        let me: Me = test_app.get_json("/api/v1/me", token).await;
        let open: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM inquiries WHERE assignee_id = $1
             AND status IN ('new', 'open', 'quoted')",
        )
        .bind(me.user.id.to_string())
        .fetch_one(&test_app.pool)
        .await
        .unwrap();
        assert_eq!(i64::from(me.user.open_inquiries), open, "{token}");
        assert!(me.user.active);
        assert_eq!(me.member.response_target_hours, 24);
    }
}
