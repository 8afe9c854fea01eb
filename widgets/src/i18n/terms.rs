//! Names of the contract's enumerations (statuses, units, tiers…) in each language.
//! Exhaustive matches: a new variant does not compile until it is named everywhere.

use contract::customer::{
    ActivityKind, BusinessType, BuyingRole, CompanySize, ContactChannel, CustomerSource,
    LifecycleStage, MessengerKind, ReminderKind, Tier,
};
use contract::inquiry::{AssignmentRule, InquirySort, InquiryStatus, LostReason, ScoreSignal};
use contract::language::Language;
use contract::quantity::Unit;
use contract::quote::{LineKind, PaymentMethod, QuoteStatus, ShippingMethod};

/// The display name of an inquiry status.
pub(crate) fn status_name(status: InquiryStatus, language: Language) -> &'static str {
    use InquiryStatus::*;
    match language {
        Language::English => match status {
            New => "New",
            Open => "Open",
            Quoted => "Quoted",
            Won => "Won",
            Lost => "Lost",
            Spam => "Spam",
            Archived => "Archived",
        },
        Language::SimplifiedChinese => match status {
            New => "新询盘",
            Open => "跟进中",
            Quoted => "已报价",
            Won => "已成交",
            Lost => "已丢单",
            Spam => "垃圾询盘",
            Archived => "已归档",
        },
    }
}

/// The short name of a unit of measure, as written after a quantity.
pub(crate) fn unit_name(unit: Unit, language: Language) -> &'static str {
    use Unit::*;
    match language {
        Language::English => match unit {
            Piece => "pcs",
            Set => "sets",
            Pair => "pairs",
            Box => "boxes",
            Carton => "cartons",
            Kilogram => "kg",
            Ton => "t",
            Meter => "m",
            SquareMeter => "m²",
            Liter => "L",
            Roll => "rolls",
            Container20ft => "× 20ft container",
            Container40ft => "× 40ft container",
        },
        Language::SimplifiedChinese => match unit {
            Piece => "件",
            Set => "套",
            Pair => "双",
            Box => "盒",
            Carton => "箱",
            Kilogram => "千克",
            Ton => "吨",
            Meter => "米",
            SquareMeter => "平方米",
            Liter => "升",
            Roll => "卷",
            Container20ft => "个20尺柜",
            Container40ft => "个40尺柜",
        },
    }
}

/// The name of a customer tier.
pub(crate) fn tier_name(tier: Tier, language: Language) -> &'static str {
    match (tier, language) {
        (Tier::Transactional, Language::English) => "Transactional",
        (Tier::Partnership, Language::English) => "Partnership",
        (Tier::Transactional, Language::SimplifiedChinese) => "交易型",
        (Tier::Partnership, Language::SimplifiedChinese) => "合作型",
    }
}

/// The name of a lifecycle stage.
pub(crate) fn lifecycle_stage(stage: LifecycleStage, language: Language) -> &'static str {
    use LifecycleStage::*;
    match language {
        Language::English => match stage {
            Lead => "Lead",
            Prospect => "Prospect",
            Sampling => "Sampling",
            Customer => "Customer",
            Repeat => "Repeat customer",
        },
        Language::SimplifiedChinese => match stage {
            Lead => "线索",
            Prospect => "潜在客户",
            Sampling => "打样中",
            Customer => "成交客户",
            Repeat => "复购客户",
        },
    }
}

/// The name of a business type.
pub(crate) fn business_type(kind: BusinessType, language: Language) -> &'static str {
    use BusinessType::*;
    match language {
        Language::English => match kind {
            Importer => "Importer",
            Wholesaler => "Wholesaler",
            Retailer => "Retailer",
            Brand => "Brand owner",
            Distributor => "Distributor",
            Manufacturer => "Manufacturer",
        },
        Language::SimplifiedChinese => match kind {
            Importer => "进口商",
            Wholesaler => "批发商",
            Retailer => "零售商",
            Brand => "品牌商",
            Distributor => "分销商",
            Manufacturer => "制造商",
        },
    }
}

/// Names in two languages, matched exhaustively.
macro_rules! names {
    ($(#[$doc:meta])* $function:ident($type:ident) { $($variant:ident => $english:literal, $chinese:literal;)* }) => {
        $(#[$doc])*
        pub(crate) fn $function(value: $type, language: Language) -> &'static str {
            match (value, language) {
                $(
                    ($type::$variant, Language::English) => $english,
                    ($type::$variant, Language::SimplifiedChinese) => $chinese,
                )*
            }
        }
    };
}

names!(
    /// A company's head count.
    company_size_name(CompanySize) {
        Micro => "1–9 staff", "1–9 人";
        Small => "10–49 staff", "10–49 人";
        Medium => "50–249 staff", "50–249 人";
        Large => "250+ staff", "250 人以上";
    }
);

names!(
    /// Where a customer came from.
    source_name(CustomerSource) {
        PortalInquiry => "Portal inquiry", "平台询盘";
        TradeShow => "Trade show", "展会";
        Referral => "Referral", "客户推荐";
        Website => "Own website", "企业官网";
        Import => "Imported", "批量导入";
        Manual => "Entered by hand", "手动录入";
    }
);

names!(
    /// A contact's part in buying.
    buying_role_name(BuyingRole) {
        DecisionMaker => "Decision maker", "决策人";
        Procurement => "Procurement", "采购";
        Technical => "Technical", "技术";
        Finance => "Finance", "财务";
        Other => "Other", "其他";
    }
);

names!(
    /// How a contact prefers to be reached.
    channel_name(ContactChannel) {
        Email => "E-mail", "邮件";
        Phone => "Phone", "电话";
        Messenger => "Messenger", "即时通讯";
    }
);

names!(
    /// A messaging service.
    messenger_name(MessengerKind) {
        Whatsapp => "WhatsApp", "WhatsApp 账号";
        Wechat => "WeChat", "微信";
        Skype => "Skype", "Skype 账号";
        Telegram => "Telegram", "Telegram 账号";
        Line => "LINE", "LINE 账号";
    }
);

names!(
    /// A note or logged activity.
    activity_kind_name(ActivityKind) {
        Note => "Note", "备注";
        Call => "Call", "电话";
        Meeting => "Meeting", "会面";
        Email => "E-mail", "邮件";
        SampleSent => "Sample sent", "寄样";
    }
);

names!(
    /// Where a quote revision stands.
    quote_status_name(QuoteStatus) {
        Draft => "Draft", "草稿";
        Sent => "Sent", "已发送";
        Accepted => "Accepted", "已接受";
        Rejected => "Rejected", "已拒绝";
        Expired => "Expired", "已过期";
        Superseded => "Superseded", "已被新版本取代";
    }
);

names!(
    /// What a quote line is for.
    line_kind_name(LineKind) {
        Product => "Product", "产品";
        Sample => "Sample", "样品";
        Tooling => "Tooling", "模具";
        Freight => "Freight", "运费";
        Service => "Service", "服务";
    }
);

names!(
    /// How the buyer pays.
    payment_method_name(PaymentMethod) {
        TelegraphicTransfer => "T/T (wire transfer)", "T/T 电汇";
        LetterOfCreditAtSight => "L/C at sight", "即期信用证";
        DocumentsAgainstPayment => "D/P", "付款交单 D/P";
        DocumentsAgainstAcceptance => "D/A", "承兑交单 D/A";
        OpenAccount => "Open account", "赊销 O/A";
    }
);

names!(
    /// How the goods travel.
    shipping_method_name(ShippingMethod) {
        Sea => "Sea freight", "海运";
        Air => "Air freight", "空运";
        Rail => "Rail freight", "铁路运输";
        Road => "Road freight", "公路运输";
        Express => "Express courier", "国际快递";
    }
);

names!(
    /// A reminder's kind.
    reminder_kind_name(ReminderKind) {
        FollowUp => "Follow-up", "跟进";
        ImportantDate => "Important date", "重要日期";
    }
);

/// Why an inquiry was lost.
pub(crate) fn lost_reason_name(reason: LostReason, language: Language) -> &'static str {
    use LostReason::*;
    match language {
        Language::English => match reason {
            Price => "Price too high",
            LeadTime => "Lead time too long",
            Specification => "Did not meet the specification",
            NoResponse => "Buyer stopped answering",
            CompetitorChosen => "Buyer chose another supplier",
            ProjectCancelled => "Project cancelled",
            Other => "Other reason",
        },
        Language::SimplifiedChinese => match reason {
            Price => "价格过高",
            LeadTime => "交期过长",
            Specification => "不符合规格要求",
            NoResponse => "买家不再回复",
            CompetitorChosen => "买家选择了其他供应商",
            ProjectCancelled => "项目取消",
            Other => "其他原因",
        },
    }
}

/// What a quality score signal means.
pub(crate) fn score_signal_name(signal: ScoreSignal, language: Language) -> &'static str {
    use ScoreSignal::*;
    match language {
        Language::English => match signal {
            VerifiedBuyer => "Verified buyer",
            CompanyDomain => "Writes from a company domain",
            FreeMailDomain => "Writes from a free mail address",
            EmptyCompany => "Gave no company",
            QuantityStated => "Stated a quantity",
            MissingQuantity => "Stated no quantity",
            DetailedRequirement => "Gave price, trade term or destination",
            GenericText => "Generic message",
            LinkOnly => "Hardly more than a link",
            RepeatedText => "Same text seen before",
            ShortMessage => "Very short message",
            KnownCustomer => "Already your customer",
        },
        Language::SimplifiedChinese => match signal {
            VerifiedBuyer => "已认证买家",
            CompanyDomain => "使用公司域名邮箱",
            FreeMailDomain => "使用免费邮箱",
            EmptyCompany => "未填写公司",
            QuantityStated => "注明了数量",
            MissingQuantity => "未注明数量",
            DetailedRequirement => "注明了目标价、贸易术语或目的地",
            GenericText => "内容笼统",
            LinkOnly => "几乎只有链接",
            RepeatedText => "内容与以往重复",
            ShortMessage => "内容过短",
            KnownCustomer => "已是您的客户",
        },
    }
}

/// How an assignment came about.
pub(crate) fn assignment_rule_name(rule: AssignmentRule, language: Language) -> &'static str {
    use AssignmentRule::*;
    match language {
        Language::English => match rule {
            Manual => "Assigned by hand",
            StickyOwner => "Owner of the returning buyer",
            Country => "Covers the buyer's country",
            ProductCategory => "Covers the product category",
            RoundRobin => "Next in turn",
            LeastBusy => "Fewest open inquiries",
        },
        Language::SimplifiedChinese => match rule {
            Manual => "手动分配",
            StickyOwner => "老客户的负责人",
            Country => "负责买家所在国家",
            ProductCategory => "负责该产品类目",
            RoundRobin => "轮流分配",
            LeastBusy => "未结询盘最少",
        },
    }
}

/// The name of an inbox order.
pub(crate) fn sort_name(sort: InquirySort, language: Language) -> &'static str {
    use InquirySort::*;
    match language {
        Language::English => match sort {
            ReceivedDesc => "Newest first",
            ReceivedAsc => "Oldest first",
            ScoreDesc => "Best score first",
            DueAsc => "Reply due soonest",
        },
        Language::SimplifiedChinese => match sort {
            ReceivedDesc => "最新在前",
            ReceivedAsc => "最早在前",
            ScoreDesc => "评分最高在前",
            DueAsc => "最需尽快回复在前",
        },
    }
}
