//! The catalog itself: one line per message, English then Simplified Chinese.

use contract::language::Language;

macro_rules! catalog {
    ($($(#[$doc:meta])* $key:ident => $english:literal, $chinese:literal;)*) => {
        /// A user-visible message.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(crate) enum Text {
            $($(#[$doc])* $key,)*
        }

        impl Text {
            /// Every message, for the catalog's own tests.
            #[cfg(test)]
            pub(crate) const ALL: &'static [Text] = &[$(Text::$key,)*];

            /// The message in `language`.
            pub(crate) fn in_language(self, language: Language) -> &'static str {
                match (self, language) {
                    $(
                        (Text::$key, Language::English) => $english,
                        (Text::$key, Language::SimplifiedChinese) => $chinese,
                    )*
                }
            }
        }
    };
}

catalog! {
    // Shared states.
    Loading => "Loading…", "正在加载…";
    UpToDate => "Up to date", "已是最新";
    Retry => "Retry", "重试";
    NotSignedInTitle => "Not signed in", "尚未登录";
    NotSignedInDetail => "The portal has not signed you in to the CRM yet. This panel loads as soon as it does.", "门户尚未为您登录 CRM，登录后此面板会自动加载。";
    WidgetCrashed => "This panel stopped because of an internal error. Reload the page to try again.", "此面板因内部错误已停止运行，请刷新页面后重试。";
    InvalidAttributeTitle => "This panel is not set up correctly", "此面板配置有误";
    InvalidAttributeDetail => "The value “{value}” of the “{name}” attribute is not valid: {reason}", "属性“{name}”的值“{value}”无效：{reason}";

    // Errors while talking to the server.
    ErrorNetworkTitle => "Cannot reach the server", "无法连接服务器";
    ErrorNetworkDetail => "Check your internet connection, then retry.", "请检查网络连接后重试。";
    ErrorTimeoutTitle => "The server is taking too long to answer", "服务器响应超时";
    ErrorTimeoutDetail => "It may be busy. Retry in a moment.", "服务器可能繁忙，请稍后重试。";
    ErrorSessionTitle => "Your session has expired", "登录已过期";
    ErrorSessionDetail => "Sign in to the portal again, then retry.", "请重新登录门户后重试。";
    ErrorTokenTitle => "Could not get your sign-in from the portal", "无法从门户获取登录信息";
    ErrorForbiddenTitle => "You do not have access to this", "您无权查看此内容";
    ErrorNotFoundTitle => "This record does not exist or is not yours", "该记录不存在或不属于您";
    ErrorRejectedTitle => "The server rejected the request", "服务器拒绝了请求";
    ErrorServerTitle => "The server had a problem", "服务器出现问题";
    ErrorServerDetail => "It has been logged. Retry in a moment.", "问题已记录，请稍后重试。";
    ErrorUnavailableTitle => "The service is temporarily unavailable", "服务暂时不可用";
    ErrorBadDataTitle => "The server sent data this panel cannot read", "服务器返回的数据无法识别";
    ErrorBadDataDetail => "Your portal's CRM service may be out of date. Details: {reason}", "门户的 CRM 服务可能版本过旧。详情：{reason}";
    ErrorConflictTitle => "Someone else changed this first", "此内容已被他人修改";
    ErrorConflictDetail => "Reload to see the current version, then make your change again.", "请重新加载查看最新内容，然后再修改。";
    ErrorBusyTitle => "Too many requests at once", "请求过于频繁";
    ErrorBusyDetail => "Wait a moment, then retry.", "请稍候再试。";
    ErrorBadAddressTitle => "The CRM service address is not valid", "CRM 服务地址无效";

    // Inquiry inbox.
    InboxTitle => "Inquiries", "询盘";
    InboxListLabel => "Inquiries, newest first", "询盘列表，最新在前";
    InboxStatusFilterLabel => "Filter by status", "按状态筛选";
    InboxAllStatuses => "All", "全部";
    InquiryCountOne => "{count} inquiry", "{count} 条询盘";
    InquiryCountOther => "{count} inquiries", "{count} 条询盘";
    InboxShowing => "Showing {shown} of {total}", "显示 {shown} / {total} 条";
    InboxEmptyTitle => "No inquiries yet", "暂无询盘";
    InboxEmptyDetail => "New inquiries from buyers on the portal appear here.", "买家在门户发送的新询盘会显示在这里。";
    InboxEmptyFilteredTitle => "No inquiries match these filters", "没有符合筛选条件的询盘";
    InboxSearchLabel => "Search inquiries", "搜索询盘";
    InboxSearchPlaceholder => "Search buyer, product, message… ( / )", "搜索买家、产品、留言…（/）";
    InboxShowAll => "Show all inquiries", "查看全部询盘";
    InboxLoadMore => "Show more", "加载更多";
    InquiryUnread => "Unread", "未读";
    InquiryUnassigned => "Unassigned", "未分配";
    InquiryVerifiedBuyer => "Verified buyer", "已认证买家";
    InquiryScore => "Quality score {score} of 100", "质量评分 {score}/100";
    InquiryAboutCompany => "About your company", "咨询贵公司";
    InquiryReceived => "Received {time}", "收到时间 {time}";
    InquiryAssignedTo => "Assigned to {name}", "负责人 {name}";
    InquiryNotYetSaved => "Not yet saved", "尚未保存";
    InquiryActionsLabel => "Selected inquiry", "所选询盘";
    InquiryMarkRead => "Mark read", "标为已读";
    InquiryMarkUnread => "Mark unread", "标为未读";
    InquiryStatusLabel => "Status", "状态";

    // The data layer: connection, offline storage, the outbox.
    SyncLoading => "Loading inquiries… {loaded} of {total}", "正在加载询盘… {loaded} / {total}";
    SyncOffline => "Offline: showing saved data", "离线：显示已保存的数据";
    SyncOfflineOff => "Offline use is off: {reason}", "离线功能已关闭：{reason}";
    SyncWaitingOne => "{count} change waiting to be sent", "{count} 项更改等待发送";
    SyncWaitingOther => "{count} changes waiting to be sent", "{count} 项更改等待发送";
    SyncSavingOne => "Saving {count} change…", "正在保存 {count} 项更改…";
    SyncSavingOther => "Saving {count} changes…", "正在保存 {count} 项更改…";
    SyncConflictsOne => "{count} conflict to resolve", "{count} 处冲突待处理";
    SyncConflictsOther => "{count} conflicts to resolve", "{count} 处冲突待处理";
    SyncRejectedOne => "{count} change refused", "{count} 项更改被拒绝";
    SyncRejectedOther => "{count} changes refused", "{count} 项更改被拒绝";
    DecisionsLabel => "Changes that need you", "需要您处理的更改";
    DecisionConflict => "Someone changed “{record}” before your change arrived.", "在您的更改送达之前，“{record}”已被他人修改。";
    DecisionYours => "Your change: {change}", "您的更改：{change}";
    DecisionTheirs => "Now: {state}", "当前：{state}";
    DecisionKeepMine => "Keep mine", "保留我的更改";
    DecisionTakeTheirs => "Use theirs", "采用当前版本";
    DecisionRejected => "Your change to “{record}” was refused: {reason}", "您对“{record}”的更改被拒绝：{reason}";
    DecisionDiscard => "Discard my change", "放弃我的更改";
    ChangeStatus => "status {status}", "状态改为{status}";
    ChangeMarkRead => "mark as read", "标为已读";
    ChangeMarkUnread => "mark as unread", "标为未读";
    ChangeAssign => "assign to {name}", "分配给 {name}";
    ChangeUnassign => "unassign", "取消分配";
    ChangeTags => "tags {tags}", "标签改为 {tags}";
    ChangeName => "name {name}", "名称改为{name}";
    ChangeTier => "tier {tier}", "客户类型改为{tier}";
    ChangeStage => "stage {stage}", "阶段改为{stage}";
    ChangeOwner => "owner {name}", "负责人改为 {name}";
    ChangeProfile => "profile details", "资料详情";
    CustomerGone => "no longer in your customers", "已不在您的客户中";

    // Customer card.
    CustomerEmptyTitle => "No buyer selected", "未选择买家";
    CustomerEmptyDetail => "Select an inquiry to see who sent it.", "选择一条询盘即可查看买家信息。";
    CustomerOwner => "Owner", "负责人";
    CustomerNoOwner => "No owner yet", "暂无负责人";
    CustomerContacts => "Contacts", "联系人";
    CustomerNoContacts => "No contacts yet", "暂无联系人";
    CustomerWebsite => "Website", "网站";
    CustomerInquiries => "Inquiries", "询盘数";
    CustomerTierLabel => "Tier", "客户类型";
    CustomerStageLabel => "Lifecycle stage", "客户阶段";
    CustomerNotYetSaved => "Not yet saved", "尚未保存";

    // Quote builder.
    QuoteNewTitle => "New quote", "新报价单";
    QuoteEmptyTitle => "No quote open", "未打开报价单";
    QuoteEmptyDetail => "Open an inquiry and choose Create quote to start one.", "打开一条询盘并选择“创建报价”即可开始。";
    QuoteBuyer => "Buyer", "买家";
    QuoteCurrency => "Currency", "币种";
    QuoteIncoterm => "Incoterm", "贸易术语";
    QuoteNamedPlace => "Named place", "指定地点";
    QuoteLines => "Quote lines", "报价明细";
    QuoteItem => "Item", "品名";
    QuoteQuantity => "Quantity", "数量";
    QuoteUnitPrice => "Unit price", "单价";
    QuoteAmount => "Amount", "金额";
    QuoteTotal => "Total", "合计";
    QuotePriceInvalid => "Enter a price of zero or more with at most {digits} decimals.", "请输入不小于零、最多 {digits} 位小数的价格。";
    QuoteRoundingNote => "Each line is rounded to the currency's minor unit, then summed.", "每行金额先按币种最小单位四舍五入，再求和。";
}
