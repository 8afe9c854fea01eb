//! `GET /api/v1/users`: the member's people by name, with their open inquiries.

use axum::http::StatusCode;
use contract::user::{Role, UserList};

use crate::inquiries::{OWNER, REP, patch, user_id};
use crate::support::{TestApp, member_id};

#[tokio::test]
async fn the_list_has_every_user_of_the_member_by_name_with_open_inquiries() {
    let test_app = TestApp::seeded().await;
    let member = member_id(&test_app, "Ningbo").await;
    let zhao_lei = user_id(&test_app, "Zhao Lei").await;
    sqlx::query("UPDATE users SET active = 0 WHERE id = $1")
        .bind(&zhao_lei)
        .execute(&test_app.pool)
        .await
        .unwrap();
    for token in [OWNER, REP] {
        let list: UserList = test_app.get_json("/api/v1/users", token).await;
        let names: Vec<&str> = list.items.iter().map(|user| user.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Chen Jing (陈静)",
                "Li Wei",
                "Wang Fang",
                "Zhang Min",
                "Zhao Lei"
            ],
            "{token}: by name, inactive users included"
        );
        for user in &list.items {
            let open: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM inquiries WHERE member_id = $1 AND assignee_id = $2
                 AND status IN ('new', 'open', 'quoted')",
            )
            .bind(&member)
            .bind(user.id.to_string())
            .fetch_one(&test_app.pool)
            .await
            .unwrap();
            assert_eq!(i64::from(user.open_inquiries), open, "{}", user.name);
            assert_eq!(user.active, user.name != "Zhao Lei");
        }
        assert_eq!(list.items[0].role, Role::Owner);
        assert!(list.items.iter().any(|user| user.open_inquiries > 0));
    }
}

#[tokio::test]
async fn open_inquiries_follow_the_inbox() {
    let test_app = TestApp::seeded().await;
    let li_wei = user_id(&test_app, "Li Wei").await;
    let before: UserList = test_app.get_json("/api/v1/users", OWNER).await;
    let count = |list: &UserList| {
        list.items
            .iter()
            .find(|user| user.name == "Li Wei")
            .unwrap()
            .open_inquiries
    };
    let (id, version): (String, i64) = sqlx::query_as(
        "SELECT id, version FROM inquiries WHERE assignee_id = $1 AND status = 'open' LIMIT 1",
    )
    .bind(&li_wei)
    .fetch_one(&test_app.pool)
    .await
    .unwrap();
    let response = patch(
        &test_app,
        &id,
        REP,
        u64::try_from(version).unwrap(),
        serde_json::json!({ "status": "archived" }),
    )
    .await;
    assert_eq!(response.status, StatusCode::OK);
    let after: UserList = test_app.get_json("/api/v1/users", OWNER).await;
    assert_eq!(count(&after), count(&before) - 1);
}

#[tokio::test]
async fn another_member_s_people_are_not_listed_and_a_token_is_needed() {
    let test_app = TestApp::seeded().await;
    let list: UserList = test_app
        .get_json("/api/v1/users", "demo-evergreen-rep")
        .await;
    let names: Vec<&str> = list.items.iter().map(|user| user.name.as_str()).collect();
    assert_eq!(names, ["Lin Xiaoyan (林晓燕)", "Sun Yue", "Xu Ming"]);
    test_app
        .get("/api/v1/users", None)
        .await
        .problem(StatusCode::UNAUTHORIZED, None);
}
