//! Names of the contract's enumerations (statuses, units, tiers…) in each language.
//! Exhaustive matches: a new variant does not compile until it is named everywhere.

use contract::customer::{BusinessType, LifecycleStage, Tier};
use contract::inquiry::InquiryStatus;
use contract::language::Language;
use contract::quantity::Unit;

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
