package web

import (
	"io"
	"net/http"
	"strconv"
	"strings"

	"kinship"
)

type consentFormPage struct {
	layout
	Client  *kinship.Client
	Consent kinship.ConsentFields
	Errors  map[string]string
}

// handleConsentNew shows the consent form, ready for the client to read
// and sign on screen, or for staff to attach a signed paper form.
func (s *Server) handleConsentNew(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadClient(w, r)
	if !ok {
		return
	}
	f := kinship.ConsentFields{Expiry: kinship.ExpiryEndOfTreatment, SignedOn: s.today(r), SignatureMethod: "typed"}
	if org, err := s.Orgs.Organization(r.Context()); err == nil {
		f.Discloser = org.Name
	}
	s.render(w, r, http.StatusOK, "consent_form", &consentFormPage{layout: layout{Title: "Consent to disclose"}, Client: c, Consent: f})
}

// maxUpload bounds a consent form post with its scan.
const maxUpload = 11 << 20

func (s *Server) handleConsentCreate(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadClient(w, r)
	if !ok {
		return
	}
	f, err := s.consentFromForm(r, c.ID)
	if err == nil {
		_, err = s.Consents.CreateConsent(r.Context(), c.ID, f)
	}
	if err != nil {
		if kinship.ErrorCode(err) != kinship.EINVALID {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, s.statusOf(r, err), "consent_form", &consentFormPage{layout: layout{Title: "Consent to disclose"}, Client: c, Consent: f, Errors: formErrors(err)})
		return
	}
	http.Redirect(w, r, "/clients/"+itoa(c.ID)+"?done=consent", http.StatusSeeOther)
}

// consentFromForm reads the consent form, saving an attached scan first.
func (s *Server) consentFromForm(r *http.Request, clientID int64) (kinship.ConsentFields, error) {
	r.Body = http.MaxBytesReader(nil, r.Body, maxUpload)
	if err := r.ParseMultipartForm(1 << 20); err != nil && err != http.ErrNotMultipart {
		return kinship.ConsentFields{}, invalid("scan", "The upload could not be read; the file must be 10 MB or smaller.")
	}
	v := r.PostFormValue
	f := kinship.ConsentFields{
		Discloser: v("discloser"), InformationDetail: v("information_detail"), TPO: v("tpo") == "on",
		Recipients: strings.Split(v("recipients"), "\n"), PurposeDetail: v("purpose_detail"),
		Expiry: kinship.ExpiryKind(v("expiry")), RevocationNoted: v("revocation_noted") == "on",
		SignedName: v("signed_name"), Confirmed: v("confirmed") == "on", SignatureMethod: v("signature_method"),
	}
	for _, k := range r.PostForm["information"] {
		f.Information = append(f.Information, kinship.InfoKind(k))
	}
	for _, p := range r.PostForm["purposes"] {
		f.Purposes = append(f.Purposes, kinship.Purpose(p))
	}
	var err error
	if f.ExpiresOn, err = formDate(r, "expires_on"); err != nil {
		return f, err
	}
	if f.SignedOn, err = formDate(r, "signed_on"); err != nil {
		return f, err
	}
	if f.SignatureMethod == "paper_scan" {
		file, head, ferr := r.FormFile("scan")
		if ferr != nil {
			return f, invalid("scan", "Attach the scan of the signed paper form.")
		}
		defer file.Close()
		data, rerr := io.ReadAll(file)
		if rerr != nil {
			return f, invalid("scan", "The upload could not be read.")
		}
		if f.ScanDocumentID, err = s.Consents.SaveDocument(r.Context(), clientID, head.Filename, http.DetectContentType(data), data); err != nil {
			return f, err
		}
	}
	return f, nil
}

func (s *Server) handleConsentRevoke(w http.ResponseWriter, r *http.Request) {
	clientID, err := pathID(r)
	consentID, perr := strconv.ParseInt(r.PathValue("consent"), 10, 64)
	if err != nil || perr != nil {
		s.handleNotFound(w, r)
		return
	}
	if err := s.clientOwns(r, clientID, func() ([]int64, error) {
		list, err := s.Consents.Consents(r.Context(), clientID)
		ids := make([]int64, len(list))
		for i, c := range list {
			ids[i] = c.ID
		}
		return ids, err
	}, consentID); err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := s.Consents.RevokeConsent(r.Context(), consentID, r.PostFormValue("note")); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/clients/"+itoa(clientID)+"?done=revoked", http.StatusSeeOther)
}

// handleDocument shows an uploaded file, such as a signed paper consent.
func (s *Server) handleDocument(w http.ResponseWriter, r *http.Request) {
	clientID, err := pathID(r)
	docID, derr := strconv.ParseInt(r.PathValue("document"), 10, 64)
	if err != nil || derr != nil {
		s.handleNotFound(w, r)
		return
	}
	d, err := s.Consents.Document(r.Context(), clientID, docID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", d.ContentType)
	w.Header().Set("Content-Disposition", `inline; filename="consent-`+itoa(d.ID)+`"`)
	w.Write(d.Data)
}

// apiDocumentUpload keeps a file sent as the request body, with its
// Content-Type, for a paper consent's scan_document_id.
func (s *Server) apiDocumentUpload(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxUpload))
	if err != nil {
		s.fail(w, r, invalid("scan", "The file must be 10 MB or smaller."))
		return
	}
	docID, err := s.Consents.SaveDocument(r.Context(), id, r.URL.Query().Get("name"), r.Header.Get("Content-Type"), data)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]int64{"id": docID})
}

// clientOwns returns ENOTFOUND unless id is among the client's records,
// so a URL cannot act on another client's record through this one's.
func (s *Server) clientOwns(r *http.Request, clientID int64, records func() ([]int64, error), id int64) error {
	ids, err := records()
	if err != nil {
		return err
	}
	for _, x := range ids {
		if x == id {
			return nil
		}
	}
	return kinship.Errorf(kinship.ENOTFOUND, noPageMessage)
}
