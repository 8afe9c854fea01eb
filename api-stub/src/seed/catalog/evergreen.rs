//! Yiwu Evergreen Homeware's catalog: cookware, kitchen utensils and storage, FOB
//! Ningbo prices in USD.

use contract::quantity::Unit::{Box, Piece, Set};

use super::CatalogItem;

/// Every product Evergreen's inquiries ask about.
pub(super) const CATALOG: &[CatalogItem] = &[
    CatalogItem {
        name: "Stainless Steel Cookware Set 12 pcs",
        sku: "EG-CW-SS12",
        model_number: "SS12-304-IND",
        category: "Cookware",
        unit: Set,
        moq: "100",
        price_breaks: &[("100", "42.00"), ("1000", "38.50"), ("3000", "36.20")],
        hs_code: "7323.93",
        lead_time_days: 35,
        packaging: (2, "16.8", "0.110"),
        description: "12-piece set: 4 pots with glass lids, 2 saucepans, 2 frying pans; 18/8 \
                      (304) stainless steel, tri-ply base for induction; gift box.",
        active: true,
    },
    CatalogItem {
        name: "Non-stick Frying Pan 28cm",
        sku: "EG-FP-28NS",
        model_number: "FP28-GRN",
        category: "Cookware",
        unit: Piece,
        moq: "500",
        price_breaks: &[("500", "6.20"), ("3000", "5.60"), ("10000", "5.10")],
        hs_code: "7615.10",
        lead_time_days: 30,
        packaging: (12, "14.0", "0.065"),
        description: "Forged aluminium pan, Ø28 cm, PFOA-free granite coating, soft-touch \
                      handle, induction base; LFGB and FDA food-contact tested.",
        active: true,
    },
    CatalogItem {
        name: "Glass Food Storage Containers (set of 5)",
        sku: "EG-GC-05",
        model_number: "GC5-BS",
        category: "Food storage",
        unit: Set,
        moq: "300",
        price_breaks: &[("300", "7.80"), ("2000", "7.10")],
        hs_code: "7013.49",
        lead_time_days: 30,
        packaging: (8, "18.0", "0.070"),
        description: "Borosilicate glass, 5 sizes 370–1520 ml, snap-lock PP lids with \
                      silicone seal; oven, microwave and freezer safe.",
        active: true,
    },
    CatalogItem {
        name: "Stackable Plastic Storage Box 30L",
        sku: "EG-SB-30",
        model_number: "SB30-CLR",
        category: "Storage boxes",
        unit: Piece,
        moq: "500",
        price_breaks: &[("500", "3.40"), ("2000", "3.05"), ("10000", "2.80")],
        hs_code: "3924.90",
        lead_time_days: 25,
        packaging: (10, "12.0", "0.090"),
        description: "Clear PP box, 30 L, 50×35×25 cm, clip lid, stackable and nestable.",
        active: true,
    },
    CatalogItem {
        name: "Bamboo Kitchen Utensil Set",
        sku: "EG-BU-06",
        model_number: "BU6-NAT",
        category: "Kitchen utensils",
        unit: Set,
        moq: "500",
        price_breaks: &[("500", "2.90"), ("5000", "2.45")],
        hs_code: "4419.19",
        lead_time_days: 30,
        packaging: (50, "15.0", "0.060"),
        description: "6 pieces of Moso bamboo: spatulas, spoons, tongs; food-grade oil finish; \
                      kraft sleeve.",
        active: true,
    },
    CatalogItem {
        name: "Collapsible Silicone Storage Boxes",
        sku: "EG-SC-04",
        model_number: "SC4-MIX",
        category: "Food storage",
        unit: Box,
        moq: "1000",
        price_breaks: &[("1000", "4.10"), ("3000", "3.70")],
        hs_code: "3924.10",
        lead_time_days: 25,
        packaging: (40, "13.5", "0.068"),
        description: "Box of 4 collapsible food containers, platinum silicone with PP rims, \
                      350–1200 ml; folds to 3 cm.",
        active: true,
    },
];
