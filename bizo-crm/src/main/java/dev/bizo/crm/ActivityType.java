package dev.bizo.crm;

/** Kinds of interaction recorded on a lead; they feed engagement scoring. */
public enum ActivityType {
  PAGE_VIEW,
  FORM_SUBMIT,
  EMAIL_OPEN,
  EMAIL_CLICK,
  MEETING,
  CALL,
  NOTE
}
