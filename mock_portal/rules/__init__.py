"""Domain rules of the portal: check digits and form-field validators, plain Python with no Flask."""
