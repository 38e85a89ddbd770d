// The questions a few categories ask beyond the description (Open311 service attributes): what the unit needs to act
// without calling the resident back. Written once; admins' later changes in the console stay.
import type { EntityManager } from 'typeorm';
import type { AttributeDatatype, CategoryAttributeValue } from '@kck/contracts';

export interface SeedCategoryAttribute {
  categoryCode: string;
  code: string;
  labelPl: string;
  labelEn: string;
  hintPl?: string;
  hintEn?: string;
  datatype: AttributeDatatype;
  required: boolean;
  values?: Omit<CategoryAttributeValue, 'active'>[];
}

export const CATEGORY_ATTRIBUTES: SeedCategoryAttribute[] = [
  {
    categoryCode: 'roads.lighting',
    code: 'lamp_post_number',
    labelPl: 'Numer słupa oświetleniowego',
    labelEn: 'Lamp post number',
    hintPl: 'Numer z tabliczki na słupie, np. 12/345; jeśli nie widać, zostaw puste.',
    hintEn: "The number on the post's plate, e.g. 12/345; leave empty if it cannot be seen.",
    datatype: 'string',
    required: false,
  },
  {
    categoryCode: 'roads.lighting',
    code: 'lighting_fault',
    labelPl: 'Co się dzieje z oświetleniem?',
    labelEn: 'What is wrong with the lighting?',
    datatype: 'singlevaluelist',
    required: false,
    values: [
      { key: 'one_out', labelPl: 'Nie świeci jedna latarnia', labelEn: 'One lamp is out' },
      { key: 'several_out', labelPl: 'Nie świeci kilka latarni', labelEn: 'Several lamps are out' },
      { key: 'flickering', labelPl: 'Latarnia miga', labelEn: 'The lamp flickers' },
      { key: 'on_by_day', labelPl: 'Świeci w dzień', labelEn: 'It is on during the day' },
      { key: 'damaged_post', labelPl: 'Uszkodzony słup lub oprawa', labelEn: 'Damaged post or fitting' },
    ],
  },
  {
    categoryCode: 'cleanliness.dumping',
    code: 'estimated_volume',
    labelPl: 'Ile jest odpadów?',
    labelEn: 'How much waste is there?',
    hintPl: 'Od tego zależy, jaki pojazd wyśle MPO.',
    hintEn: 'MPO picks the vehicle by it.',
    datatype: 'singlevaluelist',
    required: true,
    values: [
      { key: 'bags', labelPl: 'Kilka worków (do 1 m³)', labelEn: 'A few bags (up to 1 m³)' },
      { key: 'car_load', labelPl: 'Bagażnik samochodu (1–3 m³)', labelEn: 'A car boot (1–3 m³)' },
      { key: 'truck_load', labelPl: 'Wywrotka lub więcej (ponad 3 m³)', labelEn: 'A truckload or more (over 3 m³)' },
    ],
  },
  {
    categoryCode: 'cleanliness.dumping',
    code: 'waste_types',
    labelPl: 'Rodzaj odpadów',
    labelEn: 'Kind of waste',
    datatype: 'multivaluelist',
    required: false,
    values: [
      { key: 'household', labelPl: 'Odpady domowe', labelEn: 'Household waste' },
      { key: 'bulky', labelPl: 'Meble, gabaryty', labelEn: 'Furniture, bulky waste' },
      { key: 'construction', labelPl: 'Gruz, odpady budowlane', labelEn: 'Rubble, building waste' },
      { key: 'tyres', labelPl: 'Opony', labelEn: 'Tyres' },
      {
        key: 'hazardous',
        labelPl: 'Niebezpieczne (farby, chemikalia, azbest)',
        labelEn: 'Hazardous (paint, chemicals, asbestos)',
      },
    ],
  },
];

/** Adds the questions a category does not have yet, after the ones it has; existing ones stay as admins left them. */
export async function seedCategoryAttributes(
  em: EntityManager,
  categories: ReadonlyMap<string, string>,
): Promise<void> {
  for (const attribute of CATEGORY_ATTRIBUTES) {
    const categoryId = categories.get(attribute.categoryCode);
    if (!categoryId) throw new Error(`category attribute for unknown category ${attribute.categoryCode}`);
    await em.query(
      `INSERT INTO category_attribute (category_id, code, label_pl, label_en, hint_pl, hint_en, datatype, required,
                                       "values", position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
               (SELECT COALESCE(max(position), 0) + 1 FROM category_attribute WHERE category_id = $1))
       ON CONFLICT (category_id, code) DO NOTHING`,
      [
        categoryId,
        attribute.code,
        attribute.labelPl,
        attribute.labelEn,
        attribute.hintPl ?? null,
        attribute.hintEn ?? null,
        attribute.datatype,
        attribute.required,
        JSON.stringify((attribute.values ?? []).map((value) => ({ ...value, active: true }))),
      ],
    );
  }
}
