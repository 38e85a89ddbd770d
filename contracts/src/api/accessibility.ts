// The accessibility statement's data (ustawa o dostępności cyfrowej): what is the city's to say — who, contact,
// dates — comes from the backend's configuration; the statement's fixed text lives in the console.

/** `GET /api/public/accessibility-statement` */
export interface AccessibilityStatementDto {
  /** The public body the statement is made by. */
  entity: string;
  /** The site the statement covers (PUBLIC_URL). */
  siteUrl: string;
  /** YYYY-MM-DD */
  publishedOn: string;
  updatedOn: string;
  /** The last review (self-assessment) of the statement. */
  reviewedOn: string;
  contact: { name: string; email: string; phone: string };
}
