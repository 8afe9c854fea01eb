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
    InboxEmptyTitle => "No inquiries yet", "暂无询盘";
    InboxEmptyDetail => "New inquiries from buyers on the portal appear here.", "买家在门户发送的新询盘会显示在这里。";
    InboxEmptyFilteredTitle => "No inquiries match these filters", "没有符合筛选条件的询盘";
    InboxSearchLabel => "Search inquiries", "搜索询盘";
    InboxSearchPlaceholder => "Search buyer, product, message… ( / )", "搜索买家、产品、留言…（/）";
    InboxShowAll => "Show all inquiries", "查看全部询盘";
    InquiryUnread => "Unread", "未读";
    InquiryUnassigned => "Unassigned", "未分配";
    InquiryVerifiedBuyer => "Verified buyer", "已认证买家";
    InquiryScore => "Quality score {score} of 100", "质量评分 {score}/100";
    InquiryAboutCompany => "About your company", "咨询贵公司";
    InquiryReceived => "Received {time}", "收到时间 {time}";
    InquiryAssignedTo => "Assigned to {name}", "负责人 {name}";
    InquiryNotYetSaved => "Not yet saved", "尚未保存";
    InquiryMarkRead => "Mark read", "标为已读";
    InquiryMarkUnread => "Mark unread", "标为未读";
    InquiryStatusLabel => "Status", "状态";
    InquiryReplyDue => "Reply due {time}", "回复期限：{time}";
    InquiryReplyOverdue => "Reply overdue ({time})", "回复已超时（{time}）";
    InquirySelectRow => "Select {name}", "选择 {name}";

    // Inbox filters and order.
    InboxFiltersLabel => "Filters", "筛选";
    FilterAssignee => "Assignee", "负责人";
    FilterAnyone => "Anyone", "所有人";
    FilterMine => "Mine", "我的";
    FilterUnreadOnly => "Unread only", "仅未读";
    FilterScore => "Score", "评分";
    FilterAnyScore => "Any score", "任意评分";
    FilterScoreAtLeast => "{score} or more", "{score} 分及以上";
    FilterCountry => "Country", "国家";
    FilterAnyCountry => "Any country", "所有国家";
    FilterTag => "Tag", "标签";
    FilterAnyTag => "Any tag", "所有标签";
    FilterReceivedFrom => "Received from", "收到日期从";
    FilterReceivedTo => "to", "至";
    FilterClear => "Clear filters", "清除筛选";
    SortLabel => "Sort", "排序";

    // Bulk actions.
    BulkLabel => "Bulk actions", "批量操作";
    BulkSelectAll => "Select all shown", "全选当前列表";
    BulkSelectedOne => "{count} selected", "已选 {count} 条";
    BulkSelectedOther => "{count} selected", "已选 {count} 条";
    BulkAssign => "Assign to…", "分配给…";
    BulkStatus => "Change status…", "更改状态…";
    BulkMarkSpam => "Mark as spam", "标为垃圾询盘";
    BulkClear => "Clear selection", "取消选择";
    BulkDoneOne => "{count} inquiry changed", "已更改 {count} 条询盘";
    BulkDoneOther => "{count} inquiries changed", "已更改 {count} 条询盘";
    BulkSkipped => "{count} skipped: their status does not allow it", "{count} 条因当前状态不允许而跳过";
    SpamReasonBulk => "Marked as spam from the inbox", "在询盘列表中标为垃圾询盘";

    // The inquiry's detail pane.
    DetailLabel => "Inquiry from {name}", "来自 {name} 的询盘";
    DetailBack => "Back to the list", "返回列表";
    DetailCustomerCard => "Open customer card", "打开客户卡片";
    DetailRequirement => "What the buyer needs", "买家需求";
    DetailQuantity => "Quantity", "数量";
    DetailTargetPrice => "Target price", "目标价";
    DetailIncoterm => "Trade term", "贸易术语";
    DetailDestination => "Destination", "目的地";
    DetailNeededBy => "Needed by", "需求日期";
    DetailSample => "Sample wanted", "需要样品";
    DetailOem => "Own brand (OEM/ODM)", "贴牌定制（OEM/ODM）";
    DetailYes => "Yes", "是";
    DetailNo => "No", "否";
    DetailNotStated => "Not stated", "未说明";
    DetailScore => "Quality score {score}", "质量评分 {score}";
    DetailThread => "Conversation", "沟通记录";
    DetailSending => "Sending…", "发送中…";
    DetailNotSent => "Not sent: decide above", "未发送：请在上方处理";
    DetailAssignments => "Assignment history", "分配记录";
    DetailLostReason => "Lost: {reason}", "丢单：{reason}";
    DetailSpamReason => "Spam: {reason}", "垃圾询盘：{reason}";
    AssignToMe => "Assign to me", "分配给我";
    CreateQuote => "Create quote", "创建报价";
    LostReasonLabel => "Why was it lost?", "丢单原因";
    SpamReasonLabel => "Why is it spam?", "判定为垃圾询盘的原因";
    SpamReasonDefault => "Not a genuine inquiry", "非真实询盘";
    ConfirmStatus => "Change status", "确认更改";
    Cancel => "Cancel", "取消";
    Close => "Close", "关闭";
    ReplyLabel => "Reply to {name}", "回复 {name}";
    ReplyPlaceholder => "Write your reply… (Ctrl+Enter sends)", "输入回复内容…（Ctrl+Enter 发送）";
    ReplySend => "Send reply", "发送回复";
    ReplyTemplate => "Template", "模板";
    ReplyBuyerLanguage => "The buyer writes in {language}", "买家使用的语言：{language}";
    ReplyTooLong => "A reply can have at most {max} characters.", "回复最多 {max} 个字符。";
    TemplateThanksName => "Thank you, quote follows", "感谢询盘，随后报价";
    TemplateThanks => "Dear {name},\n\nThank you for your inquiry about {product}. We are preparing a quotation and will send it to you shortly.\n\nBest regards", "{name}您好：\n\n感谢您对{product}的询价。我们正在准备报价，稍后发送给您。\n\n此致\n敬礼";
    TemplateDetailsName => "Ask for details", "询问详细需求";
    TemplateDetails => "Dear {name},\n\nThank you for your inquiry about {product}. To quote accurately, could you tell us the quantity you need, your destination port and the trade term you prefer?\n\nBest regards", "{name}您好：\n\n感谢您对{product}的询价。为准确报价，请告知所需数量、目的港以及希望采用的贸易术语。\n\n此致\n敬礼";
    TemplateSampleName => "Offer a sample", "提供样品";
    TemplateSample => "Dear {name},\n\nThank you for your interest in {product}. We would be glad to send you a sample so that you can check our quality. Please confirm your delivery address.\n\nBest regards", "{name}您好：\n\n感谢您对{product}的关注。我们很乐意寄送样品供您确认质量，请确认您的收货地址。\n\n此致\n敬礼";

    // Keyboard.
    HelpButton => "Keyboard shortcuts (?)", "键盘快捷键（?）";
    HelpTitle => "Keyboard shortcuts", "键盘快捷键";
    HelpMove => "Next / previous inquiry", "下一条／上一条询盘";
    HelpOpen => "Open the inquiry", "打开询盘";
    HelpSelect => "Select for bulk actions", "选中以批量操作";
    HelpReply => "Reply", "回复";
    HelpAssign => "Assign", "分配";
    HelpArchive => "Archive", "归档";
    HelpSearch => "Search", "搜索";
    HelpToggle => "Show or hide this help", "显示或隐藏此帮助";
    AnnounceArchived => "Archived the inquiry from {name}", "已归档来自 {name} 的询盘";
    AnnounceReplyQueued => "Your reply to {name} is on its way", "给 {name} 的回复正在发送";
    AnnounceStatus => "{name}: now {status}", "{name}：状态改为{status}";
    ChangeReply => "reply to the buyer", "回复买家";

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
    ChangeAddContact => "add contact {name}", "添加联系人 {name}";
    ChangeMerge => "merge “{name}” into it", "将“{name}”合并进来";
    ChangeEditContact => "edit contact {name}", "编辑联系人 {name}";
    ChangeDeleteContact => "remove contact {name}", "删除联系人 {name}";
    ChangeLogActivity => "{kind}: “{text}”", "记录{kind}：“{text}”";
    ChangeAddReminder => "reminder “{title}” on {date}", "提醒“{title}”（{date}）";
    ChangeReminderDone => "mark “{title}” done", "将“{title}”标为已完成";
    ChangeReminderReopen => "reopen “{title}”", "重新打开“{title}”";
    ChangeReminderEdit => "change reminder “{title}”", "修改提醒“{title}”";
    CustomerGone => "no longer in your customers", "已不在您的客户中";

    // Customer card.
    CustomerEmptyTitle => "No buyer selected", "未选择买家";
    CustomerEmptyDetail => "Select an inquiry to see who sent it.", "选择一条询盘即可查看买家信息。";
    CustomerOwner => "Owner", "负责人";
    CustomerNoOwner => "No owner yet", "暂无负责人";
    CustomerNoContacts => "No contacts yet", "暂无联系人";
    CustomerWebsite => "Website", "网站";
    CustomerTierLabel => "Tier", "客户类型";
    CustomerStageLabel => "Lifecycle stage", "客户阶段";
    CustomerNotYetSaved => "Not yet saved", "尚未保存";
    CustomerNoPeer => "there is no element with this id on the page", "页面上没有此 id 的元素";
    CustomerNoRecordTitle => "This buyer has no customer record yet", "该买家尚无客户档案";
    CustomerNoRecordDetail => "It is created when the inquiry is matched to a company.", "询盘与公司匹配后会自动创建客户档案。";
    CustomerVerified => "✓ Verified by the portal", "✓ 平台认证";
    CustomerSince => "customer since {year}", "{year} 年起合作";
    CustomerOwnedBy => "owner {name}", "负责人 {name}";
    CustomerIndustry => "Industry", "行业";
    CustomerTags => "Tags", "标签";
    CustomerTagsHint => "Separate tags with commas.", "多个标签请用逗号分隔。";
    CustomerEditProfile => "Edit profile", "编辑资料";
    CustomerExportCsv => "Export CSV", "导出 CSV";
    CustomerExportJson => "Export JSON", "导出 JSON";
    CustomerNameLabel => "Company name", "公司名称";
    CustomerCountryLabel => "Country", "国家/地区";
    CustomerCountryHint => "Two-letter code, e.g. DE, US, AE.", "两位字母代码，例如 DE、US、AE。";
    CustomerSizeLabel => "Company size", "公司规模";
    CustomerBusinessTypeLabel => "Business type", "业务类型";
    CustomerSourceLabel => "Source", "客户来源";
    CustomerContactsCount => "Contacts ({count})", "联系人（{count}）";
    CustomerAddContact => "Add contact", "添加联系人";
    NotGiven => "Not given", "未填写";
    Save => "Save", "保存";
    Edit => "Edit", "编辑";
    Remove => "Remove", "删除";
    ListHint => "Separate several with commas.", "多个请用逗号分隔。";
    DurationMinutes => "{value} min", "{value} 分钟";
    DurationHours => "{value} hr", "{value} 小时";
    DurationDays => "{value} days", "{value} 天";

    // Look-alike customers.
    DuplicateLooksLike => "Looks like the same buyer as “{name}”", "疑似与“{name}”为同一买家";
    DuplicateSameDomain => "same e-mail domain {domain}", "邮箱域名相同：{domain}";
    DuplicateSimilarName => "same name apart from spelling and legal form", "名称相同（拼写与公司类型除外）";
    DuplicateMerge => "Merge into this customer", "合并到此客户";
    DuplicateNotSame => "Not the same company", "不是同一家公司";
    DuplicateMerging => "Merging — not yet saved", "正在合并——尚未保存";

    // Contacts.
    ContactEditTitle => "Edit contact", "编辑联系人";
    ContactEditNamed => "Edit {name}", "编辑 {name}";
    ContactNameLabel => "Name", "姓名";
    ContactTitleLabel => "Job title", "职位";
    ContactRoleLabel => "Buying role", "采购角色";
    ContactEmailsLabel => "E-mail addresses", "邮箱";
    ContactPhonesLabel => "Phone numbers", "电话";
    ContactMessengerLabel => "Messenger", "即时通讯工具";
    ContactHandleLabel => "Messenger id", "通讯账号";
    ContactLanguageLabel => "Language", "语言";
    ContactLanguageHint => "A language code, e.g. de, en, zh.", "语言代码，例如 de、en、zh。";
    ContactChannelLabel => "Prefers to be reached by", "首选联系方式";
    ContactPrefers => "prefers {channel}", "首选{channel}";
    ContactDoNotContact => "Do not contact", "请勿联系";

    // Metrics.
    MetricLastContact => "Last contact", "最近联系";
    MetricLastContactExplain => "When anyone at your company last heard from or wrote to this customer: an inquiry, a reply, a quote or a logged activity.", "贵公司任何人与该客户的最近一次往来：询盘、回复、报价或记录的活动。";
    MetricNever => "Never", "从未联系";
    MetricNone => "—", "—（无）";
    MetricInquiries => "Inquiries", "询盘";
    MetricInquiriesValue => "{count} ({recent} in 90 days)", "{count}（近 90 天 {recent}）";
    MetricInquiriesExplain => "Inquiries the customer sent in all, and in the last 90 days.", "该客户累计发送的询盘数，以及近 90 天的询盘数。";
    MetricQuoted => "Quoted", "报价金额";
    MetricQuotedExplain => "The value of the quotes sent to the customer, per currency; with several currencies, also converted to yours at the server's reference rates.", "已发送给该客户的报价总额，按币种计算；涉及多个币种时，另按服务器参考汇率折算为本币。";
    MetricWon => "Won", "成交金额";
    MetricWonExplain => "The value of the quotes the customer accepted, per currency; with several currencies, also converted to yours at the server's reference rates.", "该客户已接受的报价总额，按币种计算；涉及多个币种时，另按服务器参考汇率折算为本币。";
    MetricConverted => "{values} (≈ {total})", "{values}（约合 {total}）";
    MetricWinRate => "Win rate", "赢单率";
    MetricWinRateExplain => "Accepted quotes out of the decided ones (accepted, rejected or expired).", "已决定的报价（接受、拒绝或过期）中被接受的比例。";
    MetricReplyTime => "Reply time", "回复时长";
    MetricReplyTimeExplain => "The median time from one of the customer's inquiries to your first reply.", "从该客户发来询盘到您首次回复的时间中位数。";
    MetricHealth => "Health", "客户健康度";
    MetricHealthExplain => "A score from 0 to 100 from how recently and how regularly the customer writes compared with their usual rhythm; partnership customers going quiet are flagged.", "0–100 分，依据客户最近及规律的联系频率与其平时节奏相比得出；合作型客户沉寂时会被标记。";
    HealthHealthy => "{score} · healthy", "{score} 分 · 健康";
    HealthWatch => "{score} · quieter than usual", "{score} 分 · 较平时沉寂";
    HealthAtRisk => "{score} · at risk", "{score} 分 · 有流失风险";
    HealthQuiet => "Quiet for {days} days", "已 {days} 天没有往来";
    HealthQuietUsual => "Quiet for {days} days — usually writes every {usual}", "已 {days} 天没有往来——平时每 {usual} 天联系一次";
    HealthQuietPartner => "Partnership customer quiet for {days} days — usually writes every {usual}. Time to get in touch.", "合作型客户已 {days} 天没有往来——平时每 {usual} 天联系一次，建议主动联系。";

    // Reminders.
    RemindersCount => "Reminders ({count})", "提醒（{count}）";
    RemindersDueCount => "Reminders ({count}, {due} due)", "提醒（{count}，{due} 项到期）";
    RemindersNone => "No reminders. Set a follow-up so this customer is not forgotten.", "暂无提醒。设置跟进提醒，以免遗忘该客户。";
    ReminderAdd => "Add reminder", "添加提醒";
    ReminderKindLabel => "Kind", "类型";
    ReminderTitleLabel => "What", "事项";
    ReminderDateLabel => "On", "日期";
    ReminderSave => "Set reminder", "设置提醒";
    ReminderMarkDone => "Done: {title}", "已完成：{title}";
    ReminderOverdue => "Overdue since {date}", "已逾期（{date}）";
    ReminderDueToday => "Due today", "今天到期";
    ReminderDueOn => "Due {date}", "{date} 到期";

    // Timeline.
    TimelineTitle => "Timeline", "往来记录";
    TimelineFilterLabel => "Show", "显示";
    TimelineAll => "All", "全部";
    TimelineInquiries => "Inquiries", "询盘";
    TimelineQuotes => "Quotes", "报价";
    TimelineActivities => "Notes and activities", "备注与活动";
    TimelineChanges => "Status changes", "状态变更";
    TimelineStatusChange => "Inquiry status", "询盘状态";
    TimelineChange => "{from} → {to}", "{from} → {to}（已变更）";
    TimelineInquiry => "Inquiry", "询盘";
    TimelineQuote => "Quote", "报价";
    TimelineQuoteRevision => "{number} rev. {revision}", "{number} 第 {revision} 版";
    TimelineEmpty => "Nothing yet.", "暂无记录。";
    TimelineMore => "Show more", "显示更多";
    TimelineNotSaved => "Not saved — see above", "未保存——请查看上方提示";
    ActivityAdd => "Add note or activity", "添加备注或活动";
    ActivityKindLabel => "Kind", "类型";
    ActivityBodyLabel => "What happened", "内容";
    ActivitySave => "Save", "保存";

    // All customers: export and import.
    AllCustomersTitle => "All customers: export and import", "全部客户：导出与导入";
    ExportAllCsv => "Export all as CSV", "全部导出为 CSV";
    ExportAllJson => "Export all as JSON", "全部导出为 JSON";
    ImportChoose => "Import a CSV file…", "导入 CSV 文件…";
    ImportHint => "Columns as in the export; name and country are required. Nothing is imported until every line is right.", "列与导出文件相同，公司名称和国家为必填。所有行都无误后才会导入。";
    ImportOffline => "Importing and exporting need a connection to the server.", "导入和导出需要连接服务器。";
    ImportTooLarge => "The file is too large: at most {max} KB.", "文件过大：最多 {max} KB。";
    ImportDoneOne => "Imported {count} customer.", "已导入 {count} 位客户。";
    ImportDoneOther => "Imported {count} customers.", "已导入 {count} 位客户。";
    ImportReadyOne => "Ready: {count} new customer.", "可以导入：{count} 位新客户。";
    ImportReadyOther => "Ready: {count} new customers.", "可以导入：{count} 位新客户。";
    ImportProblemsOne => "{count} problem: fix it in the file and choose it again. Nothing has been imported.", "发现 {count} 处问题：请在文件中修改后重新选择。尚未导入任何内容。";
    ImportProblemsOther => "{count} problems: fix them in the file and choose it again. Nothing has been imported.", "发现 {count} 处问题：请在文件中修改后重新选择。尚未导入任何内容。";
    ImportLineProblem => "Line {line}: {message}", "第 {line} 行：{message}";
    ImportCellProblem => "Line {line}, {column}: {message}", "第 {line} 行，{column}：{message}";
    ImportLine => "Line", "行";
    ImportContacts => "Contacts", "联系人";
    ImportWhat => "Import", "导入结果";
    ImportWillCreate => "New customer", "新建客户";
    ImportExists => "Already a customer", "已是客户";
    ImportInvalid => "Has problems", "有问题";
    ImportConfirmOne => "Import {count} customer", "导入 {count} 位客户";
    ImportConfirmOther => "Import {count} customers", "导入 {count} 位客户";

    // Form fields.
    FieldEmpty => "Fill this in.", "请填写此项。";
    FieldTooLong => "Use at most {max} characters.", "最多 {max} 个字符。";
    FieldTooMany => "At most {max}.", "最多 {max} 项。";
    FieldWebsite => "Enter a web address such as https://example.com.", "请输入网址，例如 https://example.com。";
    FieldEmail => "Enter e-mail addresses such as name@company.com.", "请输入邮箱地址，例如 name@company.com。";
    FieldPhone => "Enter phone numbers such as +49 40 1234567.", "请输入电话号码，例如 +49 40 1234567。";
    FieldChannelEmail => "Add an e-mail address, or choose another way to reach them.", "请添加邮箱地址，或选择其他联系方式。";
    FieldChannelPhone => "Add a phone number, or choose another way to reach them.", "请添加电话号码，或选择其他联系方式。";
    FieldDuplicate => "This is listed twice.", "此项重复。";
    FieldCountry => "Enter a two-letter country code such as DE.", "请输入两位国家/地区代码，例如 DE。";
    FieldPastDate => "Choose today or a later day.", "请选择今天或之后的日期。";
    FieldNoDate => "Choose a day.", "请选择日期。";
    FieldOneOf => "Use one of: {choices}.", "请使用以下之一：{choices}。";
    FieldNotUser => "No active user of your company has this name.", "贵公司没有使用此姓名的在职用户。";
    FieldMustBeYou => "Sales reps import customers they own: put your own name.", "销售代表只能导入自己负责的客户：请填写您自己的姓名。";
    FieldUuid => "Must be a customer id from an export.", "必须是导出文件中的客户 ID。";
    FileEmpty => "The file is empty.", "文件为空。";
    FileNoCustomers => "The file has no customers.", "文件中没有客户。";
    FileOpenQuote => "A quoted cell is not closed.", "有带引号的单元格未闭合。";
    FileNoColumn => "The header row has no such column.", "标题行中没有此列。";

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
    ChangeSaveQuote => "Save the quote draft", "保存报价草稿";
    ChangeSendQuote => "Send the quote", "发送报价";
    ChangeAcceptQuote => "Mark the quote accepted", "标记报价已接受";
    ChangeRejectQuote => "Mark the quote rejected", "标记报价已拒绝";
    ChangeQuoteTheirs => "the version saved elsewhere", "在别处保存的版本";
    QuoteTitle => "Quote {number} · rev. {revision} · {status}", "报价单 {number} · 第 {revision} 版 · {status}";
    QuoteContact => "Contact", "联系人";
    PrintAttention => "Attn.", "收件人";
    QuoteExchangeNote => "Exchange rate note", "汇率说明";
    QuoteShippingMethod => "Shipping method", "运输方式";
    QuotePortOfLoading => "Port of loading", "装运港";
    QuotePortOfDestination => "Port of destination", "目的港";
    QuoteLeadTime => "Lead time (days after deposit)", "交货期（收到定金后天数）";
    QuoteValidUntil => "Valid until", "有效期至";
    QuotePayment => "Payment", "付款方式";
    QuoteDeposit => "Deposit %", "定金比例 %";
    QuoteNetDays => "Net days", "账期天数";
    QuoteBalanceTerms => "Balance terms", "尾款条件";
    QuoteBuyerNotes => "Terms and notes for the buyer", "给买家的条款与备注";
    QuoteInternalNotes => "Internal notes (never shown to the buyer)", "内部备注（买家不可见）";
    QuoteShipping => "Shipping", "运费";
    QuoteInsurance => "Insurance", "保险费";
    QuoteTax => "Tax %", "税率 %";
    QuoteDiscount => "Discount", "折扣";
    QuoteDiscountKind => "Discount as", "折扣方式";
    QuoteDiscountPercent => "% off", "按百分比";
    QuoteDiscountAmount => "Amount off", "按金额";
    QuoteCatalogSearch => "Add from your catalog", "从产品目录添加";
    QuoteCatalogPlaceholder => "Name, SKU or model no.", "名称、SKU 或型号";
    QuoteCatalogFrom => "from {price} · MOQ {moq}", "起价 {price} · 起订量 {moq}";
    QuoteAddLine => "Add a line", "添加明细行";
    QuoteAddKind => "+ {kind}", "+ {kind}行";
    QuoteMoveLine => "Move", "移动";
    QuoteMoveLineN => "Line {n}: move with the arrow keys or drag", "第 {n} 行：用方向键或拖动来移动";
    QuoteMoveHint => "Arrow keys or drag to reorder", "用方向键或拖动调整顺序";
    QuoteHsCode => "HS code", "HS 编码";
    QuoteOrigin => "Origin", "原产地";
    QuoteSku => "SKU / model no.", "SKU / 型号";
    QuoteUnit => "Unit", "单位";
    QuoteLineKind => "Line type", "明细类型";
    QuoteLineDiscount => "Discount", "折扣";
    QuoteLineActions => "Line actions", "明细操作";
    QuoteLineMore => "Section, description, optional", "分组、描述、可选项";
    QuoteRemoveLine => "Remove line {n}", "删除第 {n} 行";
    QuoteSection => "Section", "分组";
    QuoteDescription => "Description", "描述";
    QuoteOptional => "optional", "可选";
    QuoteOptionalLine => "Optional: offered, not in the total", "可选项：单独报价，不计入合计";
    QuoteBelowMoq => "Below the minimum order quantity of {moq}", "低于最小起订量 {moq}";
    QuoteBreakApplied => "Price break {break}+ applied · MOQ {moq} ✓", "已按 {break}+ 阶梯价 · 起订量 {moq} ✓";
    QuoteCatalogCurrency => "Catalog prices are in {catalog}: enter the {quote} price", "目录价格以 {catalog} 计：请输入 {quote} 价格";
    QuoteTotals => "Totals", "合计";
    QuoteSubtotal => "Subtotal", "小计";
    QuoteLineDiscounts => "Line discounts (included)", "行折扣（已计入）";
    QuoteDepositDue => "Deposit {percent} %: {amount}", "定金 {percent}%：{amount}";
    QuoteSaveHeld => "Not saved: see the message above", "未保存：请查看上方提示";
    QuoteSavedLocally => "Kept on this device; fix the marked fields to save it", "已保存在本设备；请修正标出的字段后再保存";
    QuoteSavedOffline => "Offline: saved on this device, sent when back online", "离线：已保存在本设备，联网后自动同步";
    QuoteSaving => "Saving…", "正在保存…";
    QuoteSaved => "Saved", "已保存";
    QuoteNotSaved => "Not saved yet", "尚未保存";
    QuoteReviseOffline => "Revising needs a connection to the server. Try again when online.", "修订报价需要连接服务器，请联网后重试。";
    QuoteSending => "Sending…", "正在发送…";
    QuoteRecording => "Recording the buyer's answer…", "正在记录买家的答复…";
    QuotePreview => "Preview / print", "预览 / 打印";
    QuoteSend => "Send rev. {revision}", "发送第 {revision} 版";
    QuoteMarkAccepted => "Buyer accepted", "买家已接受";
    QuoteMarkRejected => "Buyer rejected", "买家已拒绝";
    QuoteRevise => "Revise", "修订";
    QuotePrint => "Print or save as PDF", "打印或另存为 PDF";
    QuotePrintLanguage => "Language of the quote", "报价单语言";
    QuotePrintInvalid => "Fix the marked fields to see the printable quote.", "请先修正标出的字段，才能预览打印版报价单。";
    LanguageEnglish => "English", "英文";
    LanguageChinese => "Simplified Chinese", "简体中文";
    PrintQuotation => "Quotation", "报价单";
    PrintReference => "{number}, revision {revision}", "{number}，第 {revision} 版";
    PrintNumber => "Quote no.", "报价单号";
    PrintDate => "Date", "日期";
    PrintStatus => "Status", "状态";
    PrintDraft => "Draft, not yet an offer", "草稿，尚非正式报价";
    PrintTerms => "Terms", "贸易条款";
    PrintIncoterm => "Delivery", "交货条件";
    PrintDeposit => "{percent} % deposit", "定金 {percent}%";
    PrintNetDays => "{days} days net", "{days} 天账期";
    PrintLeadTime => "{days} days after deposit", "收到定金后 {days} 天";
    PrintOrigin => "origin {country}", "原产地：{country}";
    PrintOptional => "Optional, not included in the total", "可选项，不计入合计";
    QuoteRevisions => "Revisions", "版本";
    QuoteRevisionLabel => "Rev. {revision}", "第 {revision} 版";
    QuoteCompareWith => "Compare with", "对比版本";
    QuoteChangeFromTo => "{field}: {before} → {after}", "{field}：由 {before} 改为 {after}";
    QuoteDifference => "What the buyer sees changed from rev. {from} to rev. {to}", "第 {from} 版到第 {to} 版买家可见的变化";
    QuoteNoDifference => "Nothing the buyer sees has changed.", "买家可见的内容没有变化。";
    QuoteLineAdded => "Added: {name}", "新增：{name}";
    QuoteLineRemoved => "Removed: {name}", "删除：{name}";
    FieldNumber => "Enter a number, such as 1250.50.", "请输入数字，例如 1250.50。";
    FieldWhole => "Enter a whole number of days.", "请输入整数天数。";
    FieldMoreThanZero => "Enter more than zero.", "请输入大于零的数。";
    FieldPercent => "Enter a percentage from 0 to 100.", "请输入 0 到 100 之间的百分比。";
    FieldNegative => "Enter zero or more.", "请输入不小于零的数。";
    FieldExceedsAmount => "The discount is more than the amount it applies to.", "折扣超过了其所适用的金额。";
    FieldAtLeastOneLine => "Add at least one line.", "请至少添加一行明细。";
    FieldNetDays => "Enter the days for open account.", "赊销需填写账期天数。";
    FieldHsCode => "Enter 6 to 10 digits, such as 9405.42.", "请输入 6 到 10 位数字，例如 9405.42。";
    FieldDecimals => "Use at most {digits} decimals in {currency}.", "{currency} 最多 {digits} 位小数。";
    FieldAtMost => "Enter at most {max}.", "请输入不超过 {max} 的数。";
    QuoteRoundingNote => "Each line is rounded to the currency's minor unit, then summed.", "每行金额先按币种最小单位四舍五入，再求和。";
}
