//! Incoterms 2020: who pays and bears risk for which leg of the shipment.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// An Incoterms 2020 rule. Each is quoted with a named place (port or address).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Incoterm {
    /// Ex Works.
    EXW,
    /// Free Carrier.
    FCA,
    /// Free Alongside Ship (sea).
    FAS,
    /// Free On Board (sea).
    FOB,
    /// Cost and Freight (sea).
    CFR,
    /// Cost, Insurance and Freight (sea).
    CIF,
    /// Carriage Paid To.
    CPT,
    /// Carriage and Insurance Paid To.
    CIP,
    /// Delivered At Place.
    DAP,
    /// Delivered at Place Unloaded.
    DPU,
    /// Delivered Duty Paid.
    DDP,
}

impl Incoterm {
    /// Every rule, in the order of the ICC's publication.
    pub const ALL: [Incoterm; 11] = [
        Incoterm::EXW,
        Incoterm::FCA,
        Incoterm::FAS,
        Incoterm::FOB,
        Incoterm::CFR,
        Incoterm::CIF,
        Incoterm::CPT,
        Incoterm::CIP,
        Incoterm::DAP,
        Incoterm::DPU,
        Incoterm::DDP,
    ];

    /// The three-letter code.
    pub fn code(self) -> &'static str {
        match self {
            Incoterm::EXW => "EXW",
            Incoterm::FCA => "FCA",
            Incoterm::FAS => "FAS",
            Incoterm::FOB => "FOB",
            Incoterm::CFR => "CFR",
            Incoterm::CIF => "CIF",
            Incoterm::CPT => "CPT",
            Incoterm::CIP => "CIP",
            Incoterm::DAP => "DAP",
            Incoterm::DPU => "DPU",
            Incoterm::DDP => "DDP",
        }
    }

    /// Whether the rule is for sea and inland waterway transport only.
    pub fn sea_only(self) -> bool {
        matches!(
            self,
            Incoterm::FAS | Incoterm::FOB | Incoterm::CFR | Incoterm::CIF
        )
    }
}

/// Why a text is not an Incoterm.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an Incoterms 2020 rule")]
pub struct InvalidIncoterm(pub String);

impl FromStr for Incoterm {
    type Err = InvalidIncoterm;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Incoterm::ALL
            .into_iter()
            .find(|rule| rule.code().eq_ignore_ascii_case(text))
            .ok_or_else(|| InvalidIncoterm(text.to_owned()))
    }
}

impl fmt::Display for Incoterm {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_round_trips_through_its_code() {
        for rule in Incoterm::ALL {
            assert_eq!(rule.code().parse::<Incoterm>(), Ok(rule));
        }
        assert!("FOBB".parse::<Incoterm>().is_err());
        assert!(Incoterm::FOB.sea_only() && !Incoterm::FCA.sea_only());
    }
}
