//! Language-dependent pieces of generated messages: quantities with their unit words,
//! and a stand-in for buyers who gave no company name.

use contract::quantity::Unit;

use super::Writes;

/// `5,000 pcs`, `5.000 Stück`, `1 x 20ft container`, `5000个`: how a buyer writing in
/// `writes` would state the quantity.
pub(super) fn quantity_phrase(value: &str, unit: Unit, writes: Writes) -> String {
    let number = group_thousands(value, writes);
    let one = value == "1";
    match writes {
        Writes::En => match unit {
            Unit::Piece => format!("{number} pcs"),
            Unit::Set => format!("{number} sets"),
            Unit::Carton => format!("{number} cartons"),
            Unit::Box => format!("{number} boxes"),
            Unit::Container20ft if one => "1 x 20ft container".to_owned(),
            Unit::Container20ft => format!("{number} x 20ft containers"),
            Unit::Container40ft if one => "1 x 40HQ container".to_owned(),
            Unit::Container40ft => format!("{number} x 40HQ containers"),
            other => format!("{number} {}", crate::stored::enum_to_text(&other)),
        },
        Writes::De => match unit {
            Unit::Piece => format!("{number} Stück"),
            Unit::Set => format!("{number} Sets"),
            Unit::Carton => format!("{number} Kartons"),
            Unit::Box => format!("{number} Boxen"),
            Unit::Container20ft => format!("{number} x 20-Fuß-Container"),
            Unit::Container40ft => format!("{number} x 40-Fuß-HC-Container"),
            other => format!("{number} {}", crate::stored::enum_to_text(&other)),
        },
        Writes::Es => match unit {
            Unit::Piece => format!("{number} piezas"),
            Unit::Set => format!("{number} juegos"),
            Unit::Carton | Unit::Box => format!("{number} cajas"),
            Unit::Container20ft if one => "1 contenedor de 20 pies".to_owned(),
            Unit::Container20ft => format!("{number} contenedores de 20 pies"),
            Unit::Container40ft if one => "1 contenedor de 40 pies".to_owned(),
            Unit::Container40ft => format!("{number} contenedores de 40 pies"),
            other => format!("{number} {}", crate::stored::enum_to_text(&other)),
        },
        Writes::Fr => match unit {
            Unit::Piece => format!("{number} pièces"),
            Unit::Set => format!("{number} ensembles"),
            Unit::Carton => format!("{number} cartons"),
            Unit::Box => format!("{number} boîtes"),
            Unit::Container20ft => format!("{number} conteneur(s) 20 pieds"),
            Unit::Container40ft => format!("{number} conteneur(s) 40 pieds HC"),
            other => format!("{number} {}", crate::stored::enum_to_text(&other)),
        },
        Writes::Ar => match unit {
            Unit::Piece => format!("{number} قطعة"),
            Unit::Set => format!("{number} طقم"),
            Unit::Carton => format!("{number} كرتونة"),
            Unit::Box => format!("{number} علبة"),
            Unit::Container20ft => format!("{number} حاوية 20 قدم"),
            Unit::Container40ft => format!("{number} حاوية 40 قدم"),
            other => format!("{number} {}", crate::stored::enum_to_text(&other)),
        },
        Writes::Zh => match unit {
            Unit::Piece => format!("{number}个"),
            Unit::Set => format!("{number}套"),
            Unit::Carton => format!("{number}箱"),
            Unit::Box => format!("{number}盒"),
            Unit::Container20ft => format!("{number}个20尺柜"),
            Unit::Container40ft => format!("{number}个40尺高柜"),
            other => format!("{number} {}", crate::stored::enum_to_text(&other)),
        },
    }
}

/// Thousands separators as the language writes them; Arabic and Chinese buyers in
/// trade mail mostly write plain digits.
fn group_thousands(digits: &str, writes: Writes) -> String {
    let separator = match writes {
        Writes::En => ",",
        Writes::De | Writes::Es => ".",
        Writes::Fr => "\u{202F}",
        Writes::Ar | Writes::Zh => return digits.to_owned(),
    };
    if digits.len() <= 4 && writes == Writes::Es {
        // Spanish style leaves four-digit numbers ungrouped.
        return digits.to_owned();
    }
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push_str(separator);
        }
        grouped.push(digit);
    }
    grouped
}

/// What `{company}` becomes for a buyer who gave no company name.
pub(super) fn unnamed_company(writes: Writes) -> &'static str {
    match writes {
        Writes::En => "a small trading company",
        Writes::De => "ein kleines Handelsunternehmen",
        Writes::Es => "una pequeña empresa comercial",
        Writes::Fr => "une petite société de négoce",
        Writes::Ar => "شركة تجارية صغيرة",
        Writes::Zh => "一家小贸易公司",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_read_naturally() {
        assert_eq!(
            quantity_phrase("5000", Unit::Piece, Writes::En),
            "5,000 pcs"
        );
        assert_eq!(
            quantity_phrase("10000", Unit::Piece, Writes::De),
            "10.000 Stück"
        );
        assert_eq!(
            quantity_phrase("1", Unit::Container20ft, Writes::En),
            "1 x 20ft container"
        );
        assert_eq!(
            quantity_phrase("2000", Unit::Set, Writes::Es),
            "2000 juegos"
        );
        assert_eq!(quantity_phrase("300", Unit::Carton, Writes::Zh), "300箱");
    }
}
